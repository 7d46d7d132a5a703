package dev.jit.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real jit-server child process on loopback (command from {@code -Djit.it.server}), serving this build of
 * the UI from {@code target/classes/jit-web} (or, run from jit-server, the UI inside the server jar), with
 * writes enabled by {@link #TOKEN}.
 */
final class JitServerProcess implements AutoCloseable {
    static final String TOKEN = "real-server-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();
    final String base;
    final int port;

    JitServerProcess(Path dataDir, Path workDir, Path log) throws IOException, InterruptedException {
        this(dataDir, workDir, log, freePort(), true);
    }

    /**
     * A server on {@code port} (a restart reuses its predecessor's, so open pages reconnect to it); without
     * {@code writes} it has no API token, so it refuses every write.
     */
    JitServerProcess(Path dataDir, Path workDir, Path log, int port, boolean writes) throws IOException, InterruptedException {
        this.port = port;
        List<String> cmd = new ArrayList<>(command("jit.it.server"));
        cmd.addAll(List.of("--init", "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
        Path build = Path.of("target", "classes", "jit-web").toAbsolutePath();
        if (Files.isDirectory(build)) {
            // Run from jit-web: serve this build. From jit-server the UI inside the server jar is served.
            cmd.addAll(List.of("--web-root", build.toString()));
        }
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (writes) {
            pb.environment().put("JIT_API_TOKEN", TOKEN);
        } else {
            pb.environment().remove("JIT_API_TOKEN");
        }
        process = pb.start();
        base = "http://127.0.0.1:" + port + "/";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "api/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroy();
                throw new IllegalStateException("jit-server did not start (" + String.join(" ", cmd) + "): "
                        + Files.readString(log).strip());
            }
            Thread.sleep(100);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** An authorised write; fails on any non-2xx answer. */
    JsonNode send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /**
     * The command line in system property {@code property} (e.g. {@code java -jar …/jit.jar}), split on
     * whitespace. A missing one fails the test: these tests never skip.
     */
    static List<String> command(String property) {
        String command = System.getProperty(property, "");
        if (command.isBlank()) {
            throw new IllegalStateException("-D" + property + "=<command> is required (jit-server's integration tests"
                    + " set it; see RealServerUiTest)");
        }
        return Arrays.asList(command.trim().split("\\s+"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
