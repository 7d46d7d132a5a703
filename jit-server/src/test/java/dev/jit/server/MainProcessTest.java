package dev.jit.server;

import dev.jit.core.Jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.model.JitOptions;
import dev.jit.server.support.ChildJvm;
import dev.jit.server.support.ServerOutput;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jit-server process: configuration from flags and environment, exit codes, SIGTERM. */
class MainProcessTest {
    @Test
    void refusesToStartOutsideAStoreWithOneLineAndExit3(@TempDir Path dir) throws Exception {
        ChildJvm.Result r = ChildJvm.run(Main.class, Map.of(), dir, "--port", "0");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.output().strip().lines()).hasSize(1);
        assertThat(r.output()).contains("jit init").contains("--init").doesNotContain("Exception");
        assertThat(dir.resolve(".jit")).doesNotExist();
    }

    /** An admin ran 'jit init' inside the data directory: the store is one level down. */
    @Test
    void aDataDirectoryHoldingAStoreBelowItNamesThePathToUseAndExits3(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("var-lib-jit"));
        Jit.init(data.resolve(".jit"));
        for (Map<String, String> env : List.of(Map.of("JIT_DATA_DIR", data.toString()), Map.<String, String>of())) {
            String[] args = env.isEmpty() ? new String[]{"--data-dir", data.toString(), "--port", "0"}
                    : new String[]{"--port", "0"};
            ChildJvm.Result r = ChildJvm.run(Main.class, env, dir, args);
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.output().strip().lines()).hasSize(1);
            assertThat(r.output()).contains("--data-dir " + data.resolve(".jit"))
                    .contains("JIT_DATA_DIR=" + data.resolve(".jit")).doesNotContain("Exception");
        }
        assertThat(data.resolve("index.json")).doesNotExist();
    }

    @Test
    void versionIsThePomVersion(@TempDir Path dir) throws Exception {
        ChildJvm.Result r = ChildJvm.run(Main.class, Map.of(), dir, "--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).isEqualTo("jit-server " + System.getProperty("jit.pom.version") + "\n");
    }

    @Test
    void badUsageIsExit2(@TempDir Path dir) throws Exception {
        ChildJvm.Result flag = ChildJvm.run(Main.class, Map.of(), dir, "--no-such-flag");
        assertThat(flag.exitCode()).isEqualTo(2);
        ChildJvm.Result port = ChildJvm.run(Main.class, Map.of("JIT_PORT", "seventy"), dir, "--init");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.output().strip()).isEqualTo("jit-server: invalid port 'seventy': use 0-65535");
    }

    @Test
    void initServesWithEnvConfigAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, Api.TOKEN + "\n");
        Process p = ChildJvm.builder(Main.class, Map.of("JIT_PORT", "0", "JIT_DATA_DIR", "store",
                        "JIT_LOG_LEVEL", "info", "JIT_LOCK_TIMEOUT", "10"), dir, "--init", "--token-file",
                        tokenFile.toString())
                .redirectErrorStream(true).start();
        try {
            int port = awaitPort(p.getInputStream());
            assertThat(dir.resolve("store/index.json")).exists();
            Api api = new Api(port);
            assertThat(api.get("/api/health").json().path("status").asText()).isEqualTo("ok");
            String id = api.create("via the process", null);
            assertThat(Files.exists(dir.resolve("store/issues/" + id + ".json"))).isTrue();

            // An open event stream must not hold up the shutdown.
            HttpResponse<InputStream> stream = api.http.send(api.request("/api/events/stream")
                            .header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            // Nor a stream client that never reads, nor one trickling its request headers.
            java.net.Socket stalled = new java.net.Socket();
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", port));
            stalled.getOutputStream().write(("GET /api/events/stream HTTP/1.1\r\nHost: x\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            java.net.Socket trickling = new java.net.Socket("127.0.0.1", port);
            trickling.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: a".getBytes(
                    StandardCharsets.US_ASCII));

            // A write in flight when SIGTERM arrives (held up by this test holding the store lock) completes.
            Jit store = Jit.open(dir.resolve("store"), new JitOptions(Duration.ofSeconds(5), "human:test",
                    w -> { }));
            CountDownLatch locked = new CountDownLatch(1);
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> store.underLock(false, "hold", () -> {
                locked.countDown();
                sleep(1500);
                return null;
            }));
            locked.await();
            CompletableFuture<HttpResponse<String>> inFlight = api.http.sendAsync(
                    api.authorized(api.request("/api/issues"), "POST", "{\"title\":\"in flight\"}").build(),
                    HttpResponse.BodyHandlers.ofString());
            sleep(400);

            long t0 = System.nanoTime();
            p.destroy(); // SIGTERM
            assertThat(inFlight.get(5, TimeUnit.SECONDS).statusCode()).as("in-flight request drained").isEqualTo(201);
            assertThat(p.waitFor(5, TimeUnit.SECONDS)).as("exits within 5 s of SIGTERM").isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5000);
            holder.join();
            stream.body().close();
            stalled.close();
            trickling.close();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void servesAWebUiPackagedOnTheClassPathAtJitWeb(@TempDir Path dir) throws Exception {
        Path ui = dir.resolve("ui-jar");
        Files.createDirectories(ui.resolve("jit-web"));
        Files.writeString(ui.resolve("jit-web/index.html"), "<title>packaged UI</title>");
        Path project = Files.createDirectories(dir.resolve("project"));
        Process p = ChildJvm.builder(Main.class, ui, Map.of("JIT_LOG_LEVEL", "info"), project, "--init", "--port", "0")
                .redirectErrorStream(true).start();
        try {
            Api api = new Api(awaitPort(p.getInputStream()));
            assertThat(api.get("/").body()).contains("packaged UI");
            assertThat(api.get("/issues/some-client-route").body()).contains("packaged UI");
            assertThat(api.get("/api/health").json().path("status").asText()).isEqualTo("ok");
            assertThat(api.get("/api/unknown").status()).isEqualTo(404);
        } finally {
            p.destroyForcibly();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the child's log until the listening line; the rest of its output is drained in the background. */
    private static int awaitPort(InputStream out) throws Exception {
        return ServerOutput.follow(out).port();
    }
}
