package dev.jit.server.http.responses;

/** {@code GET /api/issues/{id}/documents/{path}/diff} (the OpenAPI component {@code DocumentDiff}). */
public record DocumentDiffResponse(String path, String from, String to, String diff) {
}
