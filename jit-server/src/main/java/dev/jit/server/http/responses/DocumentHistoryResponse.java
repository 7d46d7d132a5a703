package dev.jit.server.http.responses;

import java.util.List;

/** {@code GET /api/issues/{id}/documents/{path}/history} (the OpenAPI component {@code DocumentHistory}). */
public record DocumentHistoryResponse(String path, List<Commit> commits) {
    /** {@code commit} is the abbreviated SHA, {@code sha} the full one. */
    public record Commit(String commit, String sha, String author, String date, String message) {
    }
}
