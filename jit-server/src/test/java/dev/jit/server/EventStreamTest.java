package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.server.support.ChildJvm;
import dev.jit.server.support.WriterMain;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Server-Sent Events: delivery of changes made by another process, and resume with Last-Event-ID. */
class EventStreamTest {
    static ServerFixture fx;
    static Api api;

    @BeforeAll
    static void setUp() {
        fx = ServerFixture.start();
        api = fx.api;
    }

    @AfterAll
    static void tearDown() throws Exception {
        fx.close();
    }

    /** One parsed SSE event. */
    record Sse(String id, String event, String data) {
    }

    /** Reads the stream on a background thread into a queue of events. */
    static final class Listener implements AutoCloseable {
        final BlockingQueue<Sse> events = new LinkedBlockingQueue<>();
        final List<String> comments = new ArrayList<>();
        final InputStream body;
        final HttpResponse<InputStream> response;

        Listener(String lastEventId) throws Exception {
            var b = api.request("/api/events/stream").header("Accept", "text/event-stream");
            if (lastEventId != null) {
                b.header("Last-Event-ID", lastEventId);
            }
            response = api.http.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            Thread t = new Thread(this::read, "sse-test-reader");
            t.setDaemon(true);
            t.start();
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                String event = null;
                StringBuilder data = new StringBuilder();
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            events.add(new Sse(id, event, data.toString()));
                        }
                        id = null;
                        event = null;
                        data.setLength(0);
                    } else if (line.startsWith(":")) {
                        synchronized (comments) {
                            comments.add(line);
                        }
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            } catch (Exception closed) {
                // stream ended
            }
        }

        Sse next() throws InterruptedException {
            Sse e = events.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("an event within 10 s").isNotNull();
            return e;
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }

    @Test
    void deliversAnIssueCreatedByAnotherProcess() throws Exception {
        try (Listener listener = new Listener(null)) {
            assertThat(listener.response.statusCode()).isEqualTo(200);
            assertThat(listener.response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            ChildJvm.Result child = ChildJvm.run(WriterMain.class, Map.of(), fx.root, fx.dataDir.toString(),
                    "made by another process");
            assertThat(child.exitCode()).as(child.output()).isZero();
            String id = child.output().strip().lines().reduce((a, b) -> b).orElseThrow();

            Sse e = listener.next();
            assertThat(e.event()).isEqualTo("issue_created");
            assertThat(e.data()).contains("\"issue_id\":\"" + id + "\"").contains("made by another process");
            assertThat(Long.parseLong(e.id())).isGreaterThanOrEqualTo(0);
            // The API sees the other process's write too.
            assertThat(api.get("/api/issues/" + id).json().path("title").asText()).isEqualTo("made by another process");
        }
    }

    @Test
    void resumesAfterLastEventId() throws Exception {
        String first;
        try (Listener listener = new Listener(null)) {
            api.create("resume one", null);
            first = listener.next().id();
        }
        String second = api.create("resume two", null);
        String third = api.create("resume three", null);
        try (Listener resumed = new Listener(first)) {
            Sse a = resumed.next();
            Sse b = resumed.next();
            assertThat(a.data()).contains(second);
            assertThat(b.data()).contains(third);
            assertThat(Long.parseLong(a.id())).isGreaterThan(Long.parseLong(first));
            assertThat(Long.parseLong(b.id())).isGreaterThan(Long.parseLong(a.id()));
        }
    }

    @Test
    void invalidLastEventIdIs400() {
        Api.Resp r = api.send(api.request("/api/events/stream").header("Last-Event-ID", "abc").GET().build());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("INVALID_ARGUMENT");
    }
}
