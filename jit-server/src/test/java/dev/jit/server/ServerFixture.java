package dev.jit.server;

import dev.jit.core.Jit;

import dev.jit.server.config.ServerConfig;
import dev.jit.server.webhooks.WebhooksConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A real server on a free loopback port over a fresh store in a temporary directory. */
final class ServerFixture implements AutoCloseable {
    final Path root;
    final Path dataDir;
    final JitServer server;
    final Api api;

    private ServerFixture(Path root, JitServer server) {
        this.root = root;
        this.dataDir = root.resolve(".jit");
        this.server = server;
        this.api = new Api(server.port());
    }

    static ServerFixture start() {
        return start(Api.TOKEN, List.of(), null);
    }

    static ServerFixture start(String token, List<String> corsOrigins, Path webRoot) {
        return start(token, corsOrigins, webRoot, WebhooksConfig.NONE);
    }

    /** A server with the test token that delivers to the endpoints of {@code webhooks}. */
    static ServerFixture start(WebhooksConfig webhooks) {
        return start(Api.TOKEN, List.of(), null, webhooks);
    }

    private static ServerFixture start(String token, List<String> corsOrigins, Path webRoot, WebhooksConfig webhooks) {
        try {
            Path root = Files.createTempDirectory("jit-server-test");
            Jit.init(root.resolve(".jit"));
            JitServer server = JitServer.start(new ServerConfig("127.0.0.1", 0, root.resolve(".jit"), webRoot, token,
                    corsOrigins, Duration.ofSeconds(5), webhooks));
            return new ServerFixture(root, server);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
