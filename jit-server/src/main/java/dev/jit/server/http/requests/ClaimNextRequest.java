package dev.jit.server.http.requests;

/**
 * {@code POST /api/claim-next} (the OpenAPI component {@code ClaimNext}): {@code filter} is jit-core's filter
 * syntax.
 */
public record ClaimNextRequest(String assignee, String filter) {
}
