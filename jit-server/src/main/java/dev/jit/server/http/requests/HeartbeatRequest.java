package dev.jit.server.http.requests;

/** {@code POST /api/issues/{id}/heartbeat} (the OpenAPI component {@code Heartbeat}): who holds the lease. */
public record HeartbeatRequest(String holder) {
}
