package dev.jit.server.http.requests;

/**
 * {@code POST /api/issues/{id}/claim} (the OpenAPI component {@code Claim}): {@code ttl_secs} gives the claim a
 * lease (0: none; absent: the store's default for agents).
 */
public record ClaimRequest(String assignee, Long ttlSecs) {
}
