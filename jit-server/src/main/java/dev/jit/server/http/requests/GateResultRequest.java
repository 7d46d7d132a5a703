package dev.jit.server.http.requests;

/**
 * {@code POST /api/issues/{id}/gates/{key}/pass|fail} (the OpenAPI component {@code GateResult}); the body is
 * optional. {@code reason}: why a human passes a gate that has a checker without running it.
 */
public record GateResultRequest(String by, String reason) {
}
