package dev.jit.server.http.requests;

/**
 * {@code POST /api/issues/{id}/gates/{key}/pass|fail} (the OpenAPI component {@code GateResult}); the body is
 * optional.
 */
public record GateResultRequest(String by) {
}
