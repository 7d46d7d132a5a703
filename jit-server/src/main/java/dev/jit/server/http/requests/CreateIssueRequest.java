package dev.jit.server.http.requests;

import java.util.List;
import java.util.Map;

/** {@code POST /api/issues} (the OpenAPI component {@code NewIssue}); absent fields are null. */
public record CreateIssueRequest(String title, String description, String priority, List<String> gates,
                                 List<String> labels, Map<String, String> context, List<String> dependencies) {
}
