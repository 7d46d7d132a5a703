package dev.jit.server.http.responses;

/**
 * {@code GET /api/server} (the OpenAPI component {@code ServerInfo}): what a client needs to know before it
 * offers a write, e.g. the web UI shows a read-only view when {@code writesEnabled} is false (no API token is
 * configured, so every write would be refused with 403).
 */
public record ServerInfoResponse(String version, boolean writesEnabled) {
}
