package dev.jit.server.http.responses;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code GET /api/search} (the OpenAPI component {@code SearchResults}). */
public record SearchResponse(String query, int total, List<Result> results) {
    /** One matching line; {@code path} and {@code issue_ids} only for a match in a linked document. */
    public record Result(String issueId, String field, int lineNumber, String lineText,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String path,
                         @JsonInclude(JsonInclude.Include.NON_NULL) List<String> issueIds) {
    }
}
