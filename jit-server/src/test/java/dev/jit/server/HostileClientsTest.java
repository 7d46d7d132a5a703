package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an unauthenticated client sees of a damaged store, how the API stays fresh and uncached, and that
 * trickled requests cannot hold a connection: all over real HTTP on loopback.
 */
class HostileClientsTest {
    ServerFixture fx;
    Api api;

    @BeforeEach
    void start() {
        fx = ServerFixture.start();
        api = fx.api;
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void healthIsExactlyOkOnlyWhileTheStoreCanBeRead() throws Exception {
        assertThat(api.get("/api/health").body()).isEqualTo("{\"status\":\"ok\"}");
        Path index = fx.dataDir.resolve("index.json");
        Path aside = fx.root.resolve("index.aside");
        Files.move(index, aside);
        Files.createDirectory(index); // a directory where the index should be: nothing can be read
        Api.Resp down = api.get("/api/health");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.errorCode()).isEqualTo("UNAVAILABLE");
        assertThat(down.json().at("/error/message").asText()).startsWith("Store unavailable: ");
        assertThat(down.body()).doesNotContain(fx.root.toString()).doesNotContain(fx.root.toRealPath().toString());
        Api.Resp head = api.send(api.request("/api/health").method("HEAD",
                java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.status()).isEqualTo(503);
        Files.delete(index);
        Files.move(aside, index);
        assertThat(api.get("/api/health").body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void aDamagedIssueFileIsReportedWithoutTheServersPaths() throws Exception {
        String id = api.create("to be damaged", null);
        Path file = fx.dataDir.resolve("issues/" + id + ".json");
        Files.delete(file);
        Files.createDirectory(file); // a directory where the issue file should be
        // Rewriting the index in place makes the snapshot load every issue file again.
        Path index = fx.dataDir.resolve("index.json");
        Files.writeString(index, Files.readString(index));
        Api.Resp r = api.get("/api/issues/" + id);
        for (int i = 0; i < 50 && r.status() < 400; i++) {
            Thread.sleep(100);
            r = api.get("/api/issues/" + id);
        }
        assertThat(r.status()).isGreaterThanOrEqualTo(400);
        assertThat(r.body()).contains("issues/" + id + ".json")
                .doesNotContain(fx.root.toString()).doesNotContain(fx.root.toRealPath().toString());
        Api.Resp list = api.get("/api/issues");
        assertThat(list.body()).doesNotContain(fx.root.toString());
    }

    @Test
    void everyApiResponseSaysNoStoreAndStaticFilesKeepTheirOwn() throws Exception {
        String id = api.create("cached?", null);
        for (String path : new String[]{"/api/health", "/api/issues", "/api/issues/" + id, "/api/status",
                "/api/events?limit=5", "/api/metrics", "/api/openapi.json", "/api/no-such-route",
                "/api/issues/ffffffff"}) {
            assertThat(api.get(path).header("Cache-Control")).as(path).isEqualTo("no-store");
        }
        assertThat(api.post("/api/issues", "{\"title\":\"x\"}").header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void anIssueFileRewrittenInPlaceIsSeenWithinASecond() throws Exception {
        String id = api.create("original title", null);
        assertThat(api.get("/api/issues/" + id).json().path("title").asText()).isEqualTo("original title");
        Path file = fx.dataDir.resolve("issues/" + id + ".json");
        long dirModified = Files.getLastModifiedTime(file.getParent()).toMillis();
        // In place: same inode, same directory modification time (no rename into issues/).
        String edited = Files.readString(file).replace("original title", "edited outside jit");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(edited.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Files.getLastModifiedTime(file.getParent()).toMillis()).isEqualTo(dirModified);
        String seen = null;
        for (int i = 0; i < 50 && !"edited outside jit".equals(seen); i++) {
            Thread.sleep(100);
            seen = api.get("/api/issues/" + id).json().path("title").asText();
        }
        assertThat(seen).isEqualTo("edited outside jit");
        JsonNode listed = api.get("/api/issues").json().path("issues").get(0);
        assertThat(listed.path("title").asText()).isEqualTo("edited outside jit");
    }

    @Test
    void aClientTricklingHeadersIsDisconnected() throws Exception {
        assertThat(trickle("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(200) + "\r\n\r\n"))
                .as("server closed the connection before the headers were complete").isTrue();
    }

    @Test
    void aClientTricklingABodyIsDisconnected() throws Exception {
        String body = "{\"title\":\"" + "a".repeat(200) + "\"}";
        String head = "POST /api/issues HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Api.TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n";
        assertThat(trickle(head, body)).as("server closed the connection before the body was complete").isTrue();
        assertThat(api.get("/api/issues").json().path("total").asInt()).isZero();
    }

    /**
     * Sends {@code prefix} at once, then {@code slow} one byte every 200 ms; true if the server closed the
     * connection (a failed write or end of stream) before all of {@code slow} was sent.
     */
    private boolean trickle(String prefix, String slow) throws Exception {
        try (Socket s = new Socket("127.0.0.1", fx.server.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(prefix.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (byte b : slow.getBytes(StandardCharsets.US_ASCII)) {
                try {
                    out.write(b);
                    out.flush();
                } catch (IOException closed) {
                    return true;
                }
                Thread.sleep(200);
                if (in.available() > 0 || closedByPeer(s)) {
                    return true;
                }
            }
            return false;
        }
    }

    private boolean trickle(String slow) throws Exception {
        return trickle("", slow);
    }

    /** Peeks for end of stream without blocking for long. */
    private static boolean closedByPeer(Socket s) throws IOException {
        s.setSoTimeout(1);
        try {
            return s.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
