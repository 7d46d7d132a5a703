package dev.jit.server.http.requests;

/** {@code POST /api/issues/{id}/release} (the OpenAPI component {@code Release}). */
public record ReleaseRequest(String reason) {
}
