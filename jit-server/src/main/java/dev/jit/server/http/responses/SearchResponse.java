package dev.jit.server.http.responses;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code GET /api/search} (the OpenAPI component {@code SearchResults}). {@code issues} holds every issue the
 * results name (in the order they are first named), in the list's form, so a client can show them without a
 * request per issue.
 */
public record SearchResponse(String query, int total, List<Result> results, List<ObjectNode> issues) {
    /**
     * One matching line; {@code path} and {@code issue_ids} only for a match in a linked document. {@code title}
     * is the (first) issue's; {@code matches} are the matched spans of {@code line_text}.
     */
    public record Result(String issueId, String title, String field, int lineNumber, String lineText,
                         List<Match> matches,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String path,
                         @JsonInclude(JsonInclude.Include.NON_NULL) List<String> issueIds) {
    }

    /** A matched span of {@code line_text} as UTF-16 offsets, end exclusive (JavaScript's string indices). */
    public record Match(int start, int end) {
    }
}
