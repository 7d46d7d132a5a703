package dev.jit.server;

import static dev.jit.server.support.WebhookReceiver.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.server.support.WebhookReceiver;
import dev.jit.server.support.WebhookReceiver.Delivery;
import dev.jit.server.webhooks.WebhooksConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook delivery against a real receiver on loopback: signatures, retries with backoff, order, filters, the
 * delivery log and metrics, and that a stalled endpoint holds up neither the API nor another endpoint.
 */
class WebhookDeliveryTest {
    static final String SECRET = "s3cret-for-the-receiver-0123";
    static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void deliversEverySignedEventOnceInLogOrderRetryingFailuresWithBackoff(@TempDir Path dir) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().endpoint("/all", SECRET, 3);
             ServerFixture fx = ServerFixture.start(config(dir, "{\"retry\":{\"initial_ms\":40,\"max_ms\":400},"
                     + "\"endpoints\":[{\"id\":\"all\",\"url\":\"" + receiver.url("/all") + "\",\"secret\":\""
                     + SECRET + "\"}]}"))) {
            Api api = fx.api;
            String first = api.create("first", null);
            api.create("second", "\"priority\":\"high\"");
            api.post("/api/issues/" + first + "/claim", "{\"assignee\":\"agent:a\"}");
            api.patch("/api/issues/" + first, "{\"title\":\"first, renamed\"}");
            List<JsonNode> log = events(api);
            assertThat(log).hasSizeGreaterThanOrEqualTo(4);

            await("every event accepted", DEADLINE, () -> receiver.accepted("/all").size() >= log.size());
            List<Delivery> accepted = receiver.accepted("/all");
            assertThat(accepted.stream().map(Delivery::eventId).toList()).as("each event once, in log order")
                    .containsExactlyElementsOf(log.stream().map(e -> e.path("id").asText()).toList());
            assertThat(receiver.badSignatures()).isZero();
            for (int i = 0; i < accepted.size(); i++) {
                Delivery d = accepted.get(i);
                assertThat(d.body().path("event")).as("the event as /api/events serves it").isEqualTo(log.get(i));
                assertThat(d.headerEvent()).isEqualTo(log.get(i).path("type").asText());
                assertThat(d.contentType()).isEqualTo("application/json");
                assertThat(d.body().path("endpoint_id").asText()).isEqualTo("all");
                assertThat(d.body().path("delivery_id").asText()).isEqualTo(d.deliveryId());
            }
            // The first event failed three times: the same delivery, attempts 1 to 4.
            List<Delivery> firstEvent = receiver.received("/all").subList(0, 4);
            assertThat(firstEvent).extracting(Delivery::eventId).containsOnly(log.get(0).path("id").asText());
            assertThat(firstEvent).extracting(Delivery::attempt).containsExactly(1, 2, 3, 4);
            assertThat(firstEvent).extracting(Delivery::answered).containsExactly(500, 500, 500, 200);
            assertThat(firstEvent).extracting(Delivery::deliveryId).containsOnly(firstEvent.get(0).deliveryId());

            // The receiver answers before the server records the answer: once the cursor is at the end, it has.
            await("backlog drained", DEADLINE, () -> webhook(api, "all").path("backlog_bytes").asLong() == 0);
            // The delivery log: newest first, each attempt with its status.
            Api.Resp deliveries = api.get("/api/webhooks/all/deliveries");
            assertThat(deliveries.status()).as(deliveries.body()).isEqualTo(401); // needs the token, as writes do
            deliveries = api.write("GET", "/api/webhooks/all/deliveries", null);
            assertThat(deliveries.status()).isEqualTo(200);
            List<JsonNode> attempts = new ArrayList<>();
            deliveries.json().path("deliveries").forEach(attempts::add);
            assertThat(attempts).hasSize(log.size() + 3);
            List<JsonNode> oldest = attempts.subList(attempts.size() - 4, attempts.size());
            assertThat(oldest).extracting(a -> a.path("status").asInt()).containsExactly(200, 500, 500, 500);
            assertThat(oldest).extracting(a -> a.path("error").asText(null))
                    .containsExactly(null, "HTTP 500", "HTTP 500", "HTTP 500");
            assertThat(oldest).extracting(a -> a.path("attempt").asInt()).containsExactly(4, 3, 2, 1);
            // Backoff: after the n-th failure in a row it waits at least half of 40 ms × 2^(n-1).
            for (int n = 1; n <= 3; n++) {
                Instant failed = Instant.parse(oldest.get(4 - n).path("at").asText());
                Instant retried = Instant.parse(oldest.get(3 - n).path("at").asText());
                assertThat(Duration.between(failed, retried).toMillis()).as("wait after failure " + n)
                        .isGreaterThanOrEqualTo(20L << (n - 1));
            }

            JsonNode listed = webhook(api, "all");
            assertThat(listed.path("delivered").asLong()).isEqualTo(log.size());
            assertThat(listed.path("failed_attempts").asLong()).isEqualTo(3);
            assertThat(listed.path("source").asText()).isEqualTo("config");
            assertThat(api.write("GET", "/api/webhooks", null).body()).doesNotContain(SECRET);

            String metrics = api.get("/api/metrics").body();
            assertThat(MetricsTest.value(metrics, "jit_webhook_deliveries_total{endpoint=\"all\"}"))
                    .isEqualTo(log.size());
            assertThat(MetricsTest.value(metrics, "jit_webhook_failed_attempts_total{endpoint=\"all\"}")).isEqualTo(3);
            assertThat(MetricsTest.value(metrics, "jit_webhook_backlog_bytes{endpoint=\"all\"}")).isZero();
            MetricsTest.assertPromtoolAccepts(metrics);
        }
    }

    @Test
    void endpointsMadeThroughTheApiGetOnlyTheEventsTheirFiltersSelect() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().endpoint("/claims", SECRET, 0).endpoint("/one", SECRET, 0);
             ServerFixture fx = ServerFixture.start()) {
            Api api = fx.api;
            String x = api.create("x", null);
            String y = api.create("y", null);
            Api.Resp made = api.post("/api/webhooks", "{\"id\":\"claims\",\"url\":\"" + receiver.url("/claims")
                    + "\",\"secret\":\"" + SECRET + "\",\"events\":[\"issue_claimed\"]}");
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            assertThat(made.header("Location")).isEqualTo("/api/webhooks/claims");
            assertThat(made.body()).doesNotContain(SECRET);
            assertThat(made.json().path("source").asText()).isEqualTo("api");
            made = api.post("/api/webhooks", "{\"url\":\"" + receiver.url("/one") + "\",\"secret\":\"" + SECRET
                    + "\",\"issue\":\"" + x.substring(0, 6) + "\",\"timeout_seconds\":5}");
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            String one = made.json().path("id").asText();
            assertThat(one).matches("wh-[0-9a-f]{10}");
            int before = events(api).size();

            api.post("/api/issues/" + x + "/claim", "{\"assignee\":\"agent:a\"}");
            api.post("/api/issues/" + y + "/claim", "{\"assignee\":\"agent:b\"}");
            api.patch("/api/issues/" + y, "{\"title\":\"y2\"}");
            api.patch("/api/issues/" + x, "{\"title\":\"x2\"}");
            // Markers: delivery is in log order, so once these arrive everything before them was decided.
            api.post("/api/issues/" + x + "/release", "{\"reason\":\"marker\"}");
            String z = api.create("z", null);
            api.post("/api/issues/" + z + "/claim", "{\"assignee\":\"agent:c\"}");

            List<JsonNode> after = events(api).subList(before, events(api).size());
            List<String> claims = ids(after, e -> e.path("type").asText().equals("issue_claimed"));
            List<String> ofX = ids(after, e -> e.path("issue_id").asText().equals(x));
            assertThat(claims).hasSize(3);
            assertThat(ofX).hasSizeGreaterThanOrEqualTo(3); // claim, edit, release (and their state changes)
            await("filtered deliveries", DEADLINE, () -> receiver.accepted("/claims").size() >= claims.size()
                    && receiver.accepted("/one").size() >= ofX.size());
            assertThat(receiver.accepted("/claims")).extracting(Delivery::eventId).containsExactlyElementsOf(claims);
            assertThat(receiver.accepted("/one")).extracting(Delivery::eventId).containsExactlyElementsOf(ofX);
            assertThat(receiver.badSignatures()).isZero();

            assertThat(api.delete("/api/webhooks/" + one).json().path("deleted").asText()).isEqualTo(one);
            assertThat(api.write("GET", "/api/webhooks", null).json().path("webhooks")).hasSize(1);
            assertThat(fx.dataDir.resolve("cache/webhooks/" + one + ".state.json")).doesNotExist();
        }
    }

    @Test
    void aStalledEndpointHoldsUpNeitherTheApiNorAnotherEndpoint(@TempDir Path dir) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().endpoint("/stalled", SECRET, 0)
                .endpoint("/fast", SECRET, 0);
             ServerFixture fx = ServerFixture.start(config(dir, "{\"endpoints\":["
                     + "{\"id\":\"stalled\",\"url\":\"" + receiver.url("/stalled") + "\",\"secret\":\"" + SECRET
                     + "\",\"timeout_seconds\":60},"
                     + "{\"id\":\"fast\",\"url\":\"" + receiver.url("/fast") + "\",\"secret\":\"" + SECRET + "\"}]}"))) {
            receiver.hold("/stalled");
            Api api = fx.api;
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                created.add(api.create("issue " + i, null));
            }
            assertThat(created).hasSize(10).doesNotContainNull();
            List<String> all = ids(events(api), e -> true);
            await("the fast endpoint has every event", DEADLINE,
                    () -> receiver.accepted("/fast").size() >= all.size());
            assertThat(receiver.accepted("/fast")).extracting(Delivery::eventId).containsExactlyElementsOf(all);
            // The stalled one is still waiting for the answer to its first request, and has sent no other.
            await("the stalled endpoint's first request arrives", DEADLINE, () -> receiver.arrived("/stalled") > 0);
            assertThat(receiver.arrived("/stalled")).isEqualTo(1);
            assertThat(receiver.received("/stalled")).isEmpty();
            assertThat(webhook(api, "stalled").path("delivered").asLong()).isZero();
            assertThat(api.create("while stalled", null)).isNotBlank();

            receiver.release("/stalled");
            List<String> now = ids(events(api), e -> true);
            await("the stalled endpoint catches up", DEADLINE,
                    () -> receiver.accepted("/stalled").size() >= now.size());
            assertThat(receiver.accepted("/stalled")).extracting(Delivery::eventId).containsExactlyElementsOf(now);
        }
    }

    static WebhooksConfig config(Path dir, String json) {
        try {
            Path file = dir.resolve("webhooks.json");
            Files.writeString(file, json);
            return WebhooksConfig.load(file);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The whole event log as /api/events serves it, oldest first. */
    static List<JsonNode> events(Api api) {
        List<JsonNode> out = new ArrayList<>();
        api.get("/api/events?limit=10000").json().path("events").forEach(out::add);
        return out;
    }

    static List<String> ids(List<JsonNode> events, Predicate<JsonNode> filter) {
        return events.stream().filter(filter).map(e -> e.path("id").asText()).toList();
    }

    static JsonNode webhook(Api api, String id) {
        for (JsonNode w : api.write("GET", "/api/webhooks", null).json().path("webhooks")) {
            if (w.path("id").asText().equals(id)) {
                return w;
            }
        }
        throw new AssertionError("no webhook " + id);
    }
}
