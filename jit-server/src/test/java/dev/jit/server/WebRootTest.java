package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static web UI files with index.html as the fallback for client-side routes, never for /api. */
class WebRootTest {
    @Test
    void servesFilesAndFallsBackToIndexForNonApiPaths(@TempDir Path web) throws Exception {
        Files.writeString(web.resolve("index.html"), "<!doctype html><title>JIT</title>");
        Files.createDirectories(web.resolve("assets"));
        Files.writeString(web.resolve("assets/app.js"), "console.log('jit')");
        Files.createDirectories(web.resolve(".jit"));
        Files.writeString(web.resolve(".jit/secret.json"), "{\"secret\":true}");
        try (ServerFixture fx = ServerFixture.start(Api.TOKEN, List.of(), web)) {
            Api api = fx.api;
            Api.Resp root = api.get("/");
            assertThat(root.status()).isEqualTo(200);
            assertThat(root.body()).contains("<title>JIT</title>");
            Api.Resp js = api.get("/assets/app.js");
            assertThat(js.status()).isEqualTo(200);
            assertThat(js.body()).isEqualTo("console.log('jit')");
            assertThat(js.header("Content-Type")).contains("javascript");
            Api.Resp route = api.send(api.request("/issues/abc/graph").header("Accept", "text/html").GET().build());
            assertThat(route.status()).isEqualTo(200);
            assertThat(route.header("Content-Type")).startsWith("text/html");
            assertThat(route.body()).contains("<title>JIT</title>");
            Api.Resp api404 = api.send(api.request("/api/nope").header("Accept", "text/html").GET().build());
            assertThat(api404.status()).isEqualTo(404);
            assertThat(api404.errorCode()).isEqualTo("NOT_FOUND");
            assertThat(api.get("/api/health").json().path("status").asText()).isEqualTo("ok");
            Api.Resp hidden = api.get("/.jit/secret.json");
            assertThat(hidden.body()).doesNotContain("secret");
        }
    }
}
