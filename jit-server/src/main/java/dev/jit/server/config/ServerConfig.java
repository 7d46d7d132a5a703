package dev.jit.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Resolved settings of one server process.
 *
 * @param webRoot     directory of the web UI to serve, or null (then a classpath {@code /jit-web} is used if present)
 * @param token       bearer token for writes, or null (writes disabled)
 * @param corsOrigins origins allowed cross-origin access; empty = CORS off, {@code *} = any origin
 */
public record ServerConfig(String host, int port, Path dataDir, Path webRoot, String token, List<String> corsOrigins,
                           Duration lockTimeout) {
    public ServerConfig {
        corsOrigins = List.copyOf(corsOrigins);
    }
}
