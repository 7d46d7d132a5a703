package dev.jit.server;

import static dev.jit.server.support.WebhookReceiver.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.Issues;
import dev.jit.core.Jit;
import dev.jit.core.events.Event;
import dev.jit.core.model.JitOptions;
import dev.jit.server.support.ChildJvm;
import dev.jit.server.support.ServerOutput;
import dev.jit.server.support.WebhookReceiver;
import dev.jit.server.support.WebhookReceiver.Delivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks across a real jit-server process being killed and started again: the receiver fails its first
 * deliveries, then goes away; the server is killed (SIGKILL) while it retries, events are written while it is
 * down, and the receiver comes back before the new server starts. Every event reaches each endpoint exactly once
 * (by event id), in log order. Also: a bad webhooks file is exit 2 with one line.
 */
class WebhookRestartTest {
    private static final String ALL_SECRET = "secret-of-the-all-endpoint-42";
    private static final String CREATED_SECRET = "secret-of-the-created-endpoint-7";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void everyEventArrivesExactlyOncePerEndpointAcrossAKilledServer(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("all.secret"), ALL_SECRET + "\n");
        try (WebhookReceiver receiver = new WebhookReceiver().endpoint("/all", ALL_SECRET, 2)
                .endpoint("/created", CREATED_SECRET, 1)) {
            Files.writeString(dir.resolve("webhooks.json"), "{\"retry\":{\"initial_ms\":50,\"max_ms\":300},"
                    + "\"endpoints\":[{\"id\":\"all\",\"url\":\"" + receiver.url("/all")
                    + "\",\"secret_file\":\"all.secret\"}]}");
            Process first = start(dir);
            ServerOutput firstLog = ServerOutput.follow(first.getInputStream());
            Api api = new Api(firstLog.port());
            long allFrom = WebhookDeliveryTest.webhook(api, "all").path("position").asLong();
            Api.Resp made = api.post("/api/webhooks", "{\"id\":\"created\",\"url\":\"" + receiver.url("/created")
                    + "\",\"secret\":\"" + CREATED_SECRET + "\",\"events\":[\"issue_created\"]}");
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            long createdFrom = made.json().path("position").asLong();

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(api.create("before the outage " + i, null));
            }
            api.post("/api/issues/" + ids.get(0) + "/claim", "{\"assignee\":\"agent:a\"}");
            int logged = WebhookDeliveryTest.events(api).size();
            await("the first events delivered", DEADLINE, () -> receiver.accepted("/all").size() == logged
                    && receiver.accepted("/created").size() == 3);

            receiver.stop();
            api.create("while the receiver is away", null);
            api.post("/api/issues/" + ids.get(1) + "/claim", "{\"assignee\":\"agent:b\"}");
            await("a refused attempt in the delivery log", DEADLINE, () -> {
                JsonNode latest = api.write("GET", "/api/webhooks/all/deliveries?limit=1", null).json()
                        .path("deliveries").path(0);
                return latest.path("status").isNull() && !latest.path("error").asText().isEmpty();
            });
            first.destroyForcibly(); // SIGKILL, while it retries
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();

            // Written while no server runs: the next one finds them in the log.
            Jit store = Jit.open(dir.resolve("store"), new JitOptions(Duration.ofSeconds(5), "human:test", w -> { }));
            String offline = store.issues().create(new Issues.NewIssue("while the server is down", null, null, null,
                    null, null)).id();
            store.issues().claim(offline, "agent:c");

            receiver.restart();
            Process second = start(dir);
            ServerOutput secondLog = ServerOutput.follow(second.getInputStream());
            try {
                Api again = new Api(secondLog.port());
                List<Event> log = new ArrayList<>();
                store.events().readFrom(0, log::add);
                List<String> toAll = log.stream().filter(e -> e.offset() >= allFrom).map(Event::id).toList();
                List<String> toCreated = log.stream().filter(e -> e.offset() >= createdFrom)
                        .filter(e -> e.type().equals("issue_created")).map(Event::id).toList();
                assertThat(toCreated).hasSize(5);
                await("every event delivered after the restart", DEADLINE,
                        () -> WebhookDeliveryTest.webhook(again, "all").path("backlog_bytes").asLong() == 0
                                && WebhookDeliveryTest.webhook(again, "created").path("backlog_bytes").asLong() == 0);

                assertThat(receiver.accepted("/all")).extracting(Delivery::eventId).as("exactly once, in log order")
                        .containsExactlyElementsOf(toAll);
                assertThat(receiver.accepted("/created")).extracting(Delivery::eventId)
                        .as("exactly once, in log order").containsExactlyElementsOf(toCreated);
                assertThat(receiver.badSignatures()).isZero();
                assertThat(receiver.received("/all")).as("the failures were retried")
                        .hasSizeGreaterThan(toAll.size());

                second.destroy(); // SIGTERM
                assertThat(second.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(second.exitValue()).isZero();
                for (String output : List.of(firstLog.text(), secondLog.text())) {
                    assertThat(output).doesNotContain(ALL_SECRET).doesNotContain(CREATED_SECRET);
                }
            } finally {
                second.destroyForcibly();
            }
        }
    }

    @Test
    void aBadWebhooksFileIsExit2WithOneLine(@TempDir Path dir) throws Exception {
        Map<String, String> cases = Map.of(
                "{\"endpoints\":[{\"id\":\"a\",\"url\":\"ftp://example.com/x\",\"secret\":\"0123456789abcdef\"}]}",
                "endpoint 1: Field 'url' must be an http:// or https:// URL, got \"ftp://example.com/x\"",
                "{\"endpoints\":[{\"id\":\"a\",\"url\":\"http://example.com/x\"}]}",
                "endpoint 1: Field 'secret' (or 'secret_file') is required",
                "{\"endpoints\":[],\"extra\":1}", "Unknown field(s) [extra] at the top level",
                "not json", "is not valid JSON",
                "{\"endpoints\":[{\"id\":\"a\",\"url\":\"http://h/1\",\"secret\":\"0123456789abcdef\"},"
                        + "{\"id\":\"a\",\"url\":\"http://h/2\",\"secret\":\"0123456789abcdef\"}]}",
                "endpoint 2: id 'a' is used twice",
                "{\"retry\":{\"initial_ms\":5},\"endpoints\":[]}",
                "'retry.initial_ms' must be a whole number of milliseconds from 10",
                "{\"endpoints\":[{\"id\":\"a\",\"url\":\"http://h/1\",\"secret\":\"0123456789abcdef\","
                        + "\"events\":[\"issue_exploded\"]}]}", "Unknown event type \"issue_exploded\"");
        Path file = dir.resolve("webhooks.json");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Files.writeString(file, c.getKey());
            ChildJvm.Result r = ChildJvm.run(Main.class, Map.of(), dir, "--init", "--data-dir", "store", "--port",
                    "0", "--webhooks", file.toString());
            assertThat(r.exitCode()).as(c.getKey() + " -> " + r.output()).isEqualTo(2);
            assertThat(r.output().strip().lines()).as(r.output()).hasSize(1);
            assertThat(r.output()).startsWith("jit-server: webhooks file " + file + ": ").contains(c.getValue());
        }
        ChildJvm.Result missing = ChildJvm.run(Main.class, Map.of("JIT_WEBHOOKS_FILE", "nowhere.json"), dir,
                "--init", "--data-dir", "store", "--port", "0");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output().strip()).startsWith("jit-server: cannot read webhooks file ")
                .contains("nowhere.json").doesNotContain("\n");
    }

    private static Process start(Path dir) throws Exception {
        return ChildJvm.builder(Main.class, Map.of("JIT_API_TOKEN", Api.TOKEN, "JIT_LOG_LEVEL", "info"), dir,
                "--init", "--data-dir", "store", "--port", "0", "--webhooks", "webhooks.json")
                .redirectErrorStream(true).start();
    }
}
