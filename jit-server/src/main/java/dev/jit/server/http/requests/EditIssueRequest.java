package dev.jit.server.http.requests;

import java.util.List;
import java.util.Map;

/**
 * {@code PATCH /api/issues/{id}} (the OpenAPI component {@code IssueEdit}); absent fields are left as they are.
 * {@code assignee} assigns without a lease (as {@code jit issue update --assignee}), {@code unassign: true} clears
 * it; {@code add_gates} must name registered gates.
 */
public record EditIssueRequest(String title, String description, String priority, String state,
                               List<String> addLabels, List<String> removeLabels, Map<String, String> context,
                               List<String> unsetContext, String assignee, Boolean unassign, List<String> addGates,
                               List<String> removeGates) {
}
