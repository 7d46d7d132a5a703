package dev.jit.server.http.requests;

/**
 * {@code POST /api/claim-next} (the OpenAPI component {@code ClaimNext}): {@code filter} is jit-core's filter
 * syntax; {@code ttl_secs} as for {@link ClaimRequest}.
 */
public record ClaimNextRequest(String assignee, String filter, Long ttlSecs) {
}
