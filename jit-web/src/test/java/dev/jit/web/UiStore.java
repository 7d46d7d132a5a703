package dev.jit.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The real world a browser test runs in: a temporary repository whose store is written by the real jit CLI
 * ({@code -Djit.it.cli}), served by a real jit-server ({@code -Djit.it.server}), and one headless Chromium.
 * Each browser test class makes one in its {@code @BeforeAll}, seeds it, and closes it in {@code @AfterAll}.
 */
final class UiStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path repo;
    private final Path log;
    JitServerProcess server;
    Browser browser;

    /** A new repository with {@code jit init} done; the server and the browser start with {@link #start()}. */
    UiStore(String name) throws IOException, InterruptedException {
        repo = Files.createTempDirectory("jit-web-" + name);
        log = Path.of("target", "real-server", name + ".log");
        cli("init");
    }

    /** Starts the server on the store as seeded so far, and the browser. */
    UiStore start() throws IOException, InterruptedException {
        server = new JitServerProcess(repo.resolve(".jit"), repo, log);
        browser = new Browser();
        return this;
    }

    /** Stops the server (as a crash or an upgrade would) and starts a new one on the same port and store. */
    void restartServer() throws IOException, InterruptedException {
        stopServer();
        startServer(true);
    }

    /** Stops the server; {@link #startServer} starts it again on the same port (meanwhile pages are offline). */
    void stopServer() throws InterruptedException {
        server.close();
    }

    /** Starts a server on the port of the last one; {@code writes=false}: with no API token (read-only). */
    void startServer(boolean writes) throws IOException, InterruptedException {
        server = new JitServerProcess(repo.resolve(".jit"), repo, log, server.port, writes);
    }

    String base() {
        return server.base;
    }

    /** Opens {@code hash} on a fresh page and waits until {@code view} has rendered its data. */
    void go(String hash, String view) {
        browser.open("about:blank");
        browser.open(server.base + hash);
        browser.waitReady(view);
    }

    /** Runs the jit CLI in the repository; returns its trimmed standard output (an id, for create). */
    String cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(JitServerProcess.command("jit.it.cli"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jit " + String.join(" ", args) + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }

    /** Runs git in the repository with a fixed author. */
    void git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=JIT test", "-c", "user.email=test@jit.invalid"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
    }

    /** {@code jit issue show <id> --json}'s data: the issue as it is on disk. */
    JsonNode show(String id) {
        try {
            return JSON.readTree(cli("issue", "show", id, "--json")).path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every issue in the store, as the CLI lists it. */
    List<JsonNode> issues() {
        try {
            JsonNode data = JSON.readTree(cli("issue", "list", "--json")).path("data");
            JsonNode list = data.isArray() ? data : data.path("issues");
            List<JsonNode> out = new ArrayList<>();
            list.forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
