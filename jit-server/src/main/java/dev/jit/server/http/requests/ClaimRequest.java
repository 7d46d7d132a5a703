package dev.jit.server.http.requests;

/** {@code POST /api/issues/{id}/claim} (the OpenAPI component {@code Claim}). */
public record ClaimRequest(String assignee) {
}
