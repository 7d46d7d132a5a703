package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jit.core.Jit;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.model.JitOptions;
import dev.jit.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /api/webhooks as a client sees it: the token rule, input checks (400 with one line, nothing changed),
 * conflicts; and where the state lives: git-ignored, owner-only, accepted by {@code jit validate}, never
 * through a link.
 */
class WebhookApiTest {
    private static final String SECRET = "a-secret-of-enough-length";

    @Test
    void everyWebhookRouteNeedsTheTokenAndIsClosedWithoutOne() throws Exception {
        try (ServerFixture fx = ServerFixture.start(); ServerFixture readOnly = ServerFixture.start(null, List.of(),
                null)) {
            for (String[] route : new String[][] {{"GET", "/api/webhooks"}, {"POST", "/api/webhooks"},
                    {"DELETE", "/api/webhooks/x"}, {"GET", "/api/webhooks/x/deliveries"}}) {
                Api.Resp anonymous = fx.api.send(fx.api.request(route[1]).method(route[0],
                        java.net.http.HttpRequest.BodyPublishers.noBody()).build());
                assertThat(anonymous.status()).as(route[0] + " " + route[1]).isEqualTo(401);
                Api.Resp closed = readOnly.api.write(route[0], route[1], null);
                assertThat(closed.status()).as(route[0] + " " + route[1]).isEqualTo(403);
            }
        }
    }

    @Test
    void badInputIsA400WithOneLineAndChangesNothing() throws Exception {
        try (ServerFixture fx = ServerFixture.start()) {
            String ok = "\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"" + SECRET + "\"";
            List<String[]> cases = List.of(
                    new String[] {"{\"url\":\"ftp://127.0.0.1/hook\",\"secret\":\"" + SECRET + "\"}",
                            "Field 'url' must be an http:// or https:// URL, got \"ftp://127.0.0.1/hook\""},
                    new String[] {"{\"url\":\"file:///etc/passwd\",\"secret\":\"" + SECRET + "\"}", "http:// or https://"},
                    new String[] {"{\"url\":\"http://user:pw@example.com/\",\"secret\":\"" + SECRET + "\"}",
                            "must not carry credentials"},
                    new String[] {"{\"url\":\"http:///nohost\",\"secret\":\"" + SECRET + "\"}", "has no host"},
                    new String[] {"{\"url\":\"http://exa mple.com/\",\"secret\":\"" + SECRET + "\"}", "is not a URL"},
                    new String[] {"{\"url\":\"http://example.com/\"}", "Field 'secret' is required"},
                    new String[] {"{\"url\":\"http://example.com/\",\"secret\":\"short\"}",
                            "The secret must be 16 to 1024 characters long, got 5"},
                    new String[] {"{" + ok + ",\"secret_file\":\"/etc/shadow\"}", "Unknown field(s) [secret_file]"},
                    new String[] {"{" + ok + ",\"events\":[\"issue_exploded\"]}", "Unknown event type \"issue_exploded\""},
                    new String[] {"{" + ok + ",\"events\":[]}", "Field 'events' must be a non-empty array"},
                    new String[] {"{" + ok + ",\"events\":\"issue_created\"}", "Field 'events' must be a non-empty array"},
                    new String[] {"{" + ok + ",\"events\":[1]}", "Field 'events' must be an array of strings"},
                    new String[] {"{" + ok + ",\"id\":\"Bad/Id\"}", "Field 'id' must be 1-64 lower-case letters"},
                    new String[] {"{" + ok + ",\"id\":7}", "Field 'id' must be a string"},
                    new String[] {"{" + ok + ",\"issue\":\"ab\"}", "Field 'issue' must be an issue id or a prefix"},
                    new String[] {"{" + ok + ",\"timeout_seconds\":0}", "Field 'timeout_seconds' must be a whole number"},
                    new String[] {"{" + ok + ",\"timeout_seconds\":\"5\"}", "Field 'timeout_seconds' must be a whole"},
                    new String[] {"{" + ok + ",\"colour\":\"red\"}", "Unknown field(s) [colour]"},
                    new String[] {"{" + ok + ",\"url\":\"http://a/\"}", "Request body is not valid JSON"},
                    new String[] {"[1]", "Request body must be a JSON object"});
            for (String[] c : cases) {
                Api.Resp r = fx.api.post("/api/webhooks", c[0]);
                assertThat(r.status()).as(c[0] + " -> " + r.body()).isEqualTo(400);
                assertThat(r.errorCode()).isEqualTo("INVALID_ARGUMENT");
                String message = r.json().path("error").path("message").asText();
                assertThat(message).as(c[0]).contains(c[1]).doesNotContain("\n").doesNotContain(SECRET);
            }
            assertThat(fx.api.write("GET", "/api/webhooks", null).json().path("webhooks")).isEmpty();
            assertThat(stateFiles(fx)).as("nothing written for refused input").containsExactly(".gitignore");

            Api.Resp made = fx.api.post("/api/webhooks", "{\"id\":\"mine\"," + ok + "}");
            assertThat(made.status()).isEqualTo(201);
            Api.Resp again = fx.api.post("/api/webhooks", "{\"id\":\"mine\"," + ok + "}");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.errorCode()).isEqualTo("ALREADY_EXISTS");
            assertThat(fx.api.delete("/api/webhooks/nope").status()).isEqualTo(404);
            assertThat(fx.api.write("GET", "/api/webhooks/nope/deliveries", null).status()).isEqualTo(404);
            assertThat(fx.api.write("GET", "/api/webhooks/mine/deliveries?limit=0", null).status()).isEqualTo(400);
            assertThat(fx.api.write("GET", "/api/webhooks/mine/deliveries?limit=101", null).status()).isEqualTo(400);
            assertThat(fx.api.write("GET", "/api/webhooks/mine/deliveries?limit=5", null).json()
                    .path("deliveries")).isEmpty();
        }
    }

    @Test
    void anEndpointOfTheWebhooksFileCannotBeDeletedThroughTheApi(@TempDir Path dir) throws Exception {
        try (ServerFixture fx = ServerFixture.start(WebhookDeliveryTest.config(dir, "{\"endpoints\":[{\"id\":\"filed\","
                + "\"url\":\"http://127.0.0.1:9/\",\"secret\":\"" + SECRET + "\"}]}"))) {
            Api.Resp r = fx.api.delete("/api/webhooks/filed");
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.errorCode()).isEqualTo("DEFINED_IN_CONFIG");
            Api.Resp same = fx.api.post("/api/webhooks", "{\"id\":\"filed\",\"url\":\"http://127.0.0.1:9/\","
                    + "\"secret\":\"" + SECRET + "\"}");
            assertThat(same.status()).isEqualTo(409);
        }
    }

    @Test
    void theStateSurvivesARestartIsGitIgnoredOwnerOnlyAndValidatesClean() throws Exception {
        Path root;
        try (ServerFixture fx = ServerFixture.start()) {
            root = fx.root;
            git(root, "init", "-q");
            Api.Resp made = fx.api.post("/api/webhooks", "{\"id\":\"kept\",\"url\":\"http://127.0.0.1:9/\","
                    + "\"secret\":\"" + SECRET + "\",\"events\":[\"issue_created\"]}");
            assertThat(made.status()).isEqualTo(201);
            Path endpoints = fx.dataDir.resolve("cache/webhooks/endpoints.json");
            assertThat(Files.readString(endpoints)).contains(SECRET);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(endpoints))).isEqualTo("rw-------");
            assertThat(git(root, "status", "--porcelain", "--untracked-files=all")).contains(".jit/index.json")
                    .doesNotContain("webhooks");
            Jit jit = Jit.open(fx.dataDir, new JitOptions(Duration.ofSeconds(5), "human:test", w -> { }));
            assertThat(jit.validation().check().problems()).isEmpty();

            // The same store served again: the endpoint made through the API is still there.
            fx.server.close();
            try (JitServer again = JitServer.start(new ServerConfig("127.0.0.1", 0, fx.dataDir, null, Api.TOKEN,
                    List.of(), Duration.ofSeconds(5)))) {
                Api api = new Api(again.port());
                Api.Resp listed = api.write("GET", "/api/webhooks", null);
                assertThat(listed.json().path("webhooks").path(0).path("id").asText()).isEqualTo("kept");
                assertThat(listed.json().path("webhooks").path(0).path("events").path(0).asText())
                        .isEqualTo("issue_created");
                assertThat(listed.body()).doesNotContain(SECRET);
            }
        }
    }

    @Test
    void aLinkWhereTheStateBelongsIsRefusedAndNotFollowed(@TempDir Path dir) throws Exception {
        Path store = dir.resolve(".jit");
        Jit.init(store);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(store.resolve("cache"));
        Files.createSymbolicLink(store.resolve("cache/webhooks"), outside);
        assertThatThrownBy(() -> JitServer.start(new ServerConfig("127.0.0.1", 0, store, null, Api.TOKEN, List.of(),
                Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(JitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_DATA))
                .hasMessageContaining("cache/webhooks/ is a symbolic link");
        try (var entries = Files.list(outside)) {
            assertThat(entries).isEmpty();
        }
    }

    private static List<String> stateFiles(ServerFixture fx) throws Exception {
        List<String> out = new ArrayList<>();
        try (var entries = Files.list(fx.dataDir.resolve("cache/webhooks"))) {
            entries.forEach(p -> out.add(p.getFileName().toString()));
        }
        return out;
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
