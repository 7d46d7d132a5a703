package dev.jit.server.http.responses;

/** {@code GET /api/issues/{id}/documents/{path}/content} (the OpenAPI component {@code DocumentContent}). */
public record DocumentContentResponse(String path, String commit, String content, String contentType) {
}
