package dev.jit.server.config;

import dev.jit.server.webhooks.WebhooksConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Resolved settings of one server process.
 *
 * @param webRoot     directory of the web UI to serve, or null (then a classpath {@code /jit-web} is used if present)
 * @param token       bearer token for writes, or null (writes disabled)
 * @param corsOrigins origins allowed cross-origin access; empty = CORS off, {@code *} = any origin
 * @param webhooks    the webhooks file's endpoints and retry policy ({@link WebhooksConfig#NONE}: no file)
 */
public record ServerConfig(String host, int port, Path dataDir, Path webRoot, String token, List<String> corsOrigins,
                           Duration lockTimeout, WebhooksConfig webhooks) {
    public ServerConfig {
        corsOrigins = List.copyOf(corsOrigins);
        Objects.requireNonNull(webhooks, "webhooks");
    }

    /** Settings without a webhooks file. */
    public ServerConfig(String host, int port, Path dataDir, Path webRoot, String token, List<String> corsOrigins,
                        Duration lockTimeout) {
        this(host, port, dataDir, webRoot, token, corsOrigins, lockTimeout, WebhooksConfig.NONE);
    }
}
