package dev.jit.server.http.responses;

import java.util.List;

/** {@code GET /api/graph} (the OpenAPI component {@code Graph}): edges go from a dependent to its dependency. */
public record GraphResponse(List<Node> nodes, List<Edge> edges) {
    public record Node(String id, String label, String state, String priority, String assignee, boolean blocked,
                       List<String> labels) {
    }

    public record Edge(String from, String to) {
    }
}
