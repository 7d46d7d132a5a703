package dev.jit.server.http.requests;

import java.util.List;
import java.util.Map;

/** {@code PATCH /api/issues/{id}} (the OpenAPI component {@code IssueEdit}); absent fields are left as they are. */
public record EditIssueRequest(String title, String description, String priority, String state,
                               List<String> addLabels, List<String> removeLabels, Map<String, String> context,
                               List<String> unsetContext) {
}
