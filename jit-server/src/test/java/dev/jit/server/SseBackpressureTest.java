package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.internal.log.EventLog;
import dev.jit.core.json.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A stalled event-stream client delays nobody, is closed, and resumes without gaps; a vanished one is freed. */
class SseBackpressureTest {
    ServerFixture fx;

    @BeforeEach
    void start() {
        fx = ServerFixture.start();
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    /** A raw-socket stream client; {@code receiveBuffer} small makes a client that never reads stall quickly. */
    private Socket open(String lastEventId, int receiveBuffer) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(receiveBuffer);
        s.connect(new java.net.InetSocketAddress("127.0.0.1", fx.server.port()));
        OutputStream out = s.getOutputStream();
        // HTTP/1.0: the body is not chunked, so chunk headers never split an event line.
        out.write(("GET /api/events/stream HTTP/1.0\r\nHost: x\r\nAccept: text/event-stream\r\n"
                + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    /** Collects the ids of the events a socket receives, on a background thread. */
    private static List<String> readIds(Socket s) {
        List<String> ids = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("id: ")) {
                        ids.add(line.substring(4));
                    }
                }
            } catch (Exception closed) {
                // end of the test
            }
        }, "sse-reader");
        t.setDaemon(true);
        t.start();
        return ids;
    }

    private int clients() {
        String metrics = fx.api.get("/api/metrics").body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jit_sse_clients ")) {
                return (int) Double.parseDouble(line.substring("jit_sse_clients ".length()).trim());
            }
        }
        throw new AssertionError("no jit_sse_clients in " + metrics);
    }

    private void awaitClients(int n) throws InterruptedException {
        for (int i = 0; i < 300 && clients() != n; i++) {
            Thread.sleep(100);
        }
        assertThat(clients()).isEqualTo(n);
    }

    @Test
    void aStalledClientIsClosedWhileOthersGetEveryEventAndItResumesWithoutGaps() throws Exception {
        EventLog log = new EventLog(fx.dataDir.resolve("events.jsonl"), w -> { });
        try (Socket stalled = open(null, 4096); Socket reader = open(null, 1 << 20)) {
            List<String> received = readIds(reader);
            awaitClients(2);
            String pad = "p".repeat(1000);
            int total = 0;
            for (int chunk = 0; chunk < 10; chunk++) {
                List<ObjectNode> events = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    ObjectNode e = Json.object().put("type", "bench_event").put("id", UUID.randomUUID().toString())
                            .put("timestamp", Instant.now().toString()).put("n", total++).put("pad", pad);
                    events.add(e);
                }
                log.append(events);
                for (int i = 0; i < 300 && received.size() < total; i++) {
                    Thread.sleep(50);
                }
                assertThat(received).as("the reading client got chunk %d", chunk).hasSize(total);
            }
            // The client that never read fell more than a queue behind and was closed; the reader stays.
            awaitClients(1);
            InputStream in = stalled.getInputStream();
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // drain what was sent before the close, up to the end of the stream
            }

            // It resumes from any id it saw, without gaps: everything after that id, once each.
            String resumeAfter = received.get(1234);
            try (Socket resumed = open(resumeAfter, 1 << 20)) {
                List<String> replayed = readIds(resumed);
                for (int i = 0; i < 300 && replayed.size() < total - 1235; i++) {
                    Thread.sleep(50);
                }
                assertThat(replayed).containsExactlyElementsOf(received.subList(1235, total));
            }
        }
    }

    @Test
    void aClientThatHungUpIsNoticedAndFreed() throws Exception {
        Socket s = open(null, 1 << 16);
        awaitClients(1);
        s.close();
        awaitClients(0);
    }
}
