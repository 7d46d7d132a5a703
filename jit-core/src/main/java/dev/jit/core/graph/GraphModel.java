package dev.jit.core.graph;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes and edges to draw: issues (optionally cut down to one issue's dependencies or to some states)
 * plus a "missing" node for every dependency id that names no issue, so dangling edges stay visible.
 * An edge runs from the dependent to its dependency.
 */
public record GraphModel(List<Node> nodes, List<Edge> edges) {
    /** An issue, or (with {@code issue == null}) a dependency id that names no issue. */
    public record Node(String id, Issue issue, boolean blocked) {
        public boolean missing() {
            return issue == null;
        }

        /** The state name used for styling: the issue's state, or {@code missing}. */
        public String styleKey() {
            return issue == null ? "missing" : issue.state().wire();
        }
    }

    public record Edge(String from, String to) {
    }

    /** Every style key a node can have, in drawing-legend order. */
    public static List<String> styleKeys() {
        List<String> keys = new ArrayList<>(State.wireNames());
        keys.add("missing");
        return keys;
    }

    /**
     * Builds the model from {@code issues} (creation order).
     *
     * @param fromId  if not null, only this issue and its transitive dependencies
     * @param states  if not empty, only issues in these states (missing nodes are kept for kept issues)
     */
    public static GraphModel of(List<Issue> issues, String fromId, Set<State> states) {
        DependencyGraph graph = new DependencyGraph(issues);
        List<Issue> selected = issues;
        if (fromId != null) {
            Issue start = graph.get(fromId);
            if (start == null) {
                throw new JitException(ErrorCode.ISSUE_NOT_FOUND, "Issue not found: " + fromId,
                        Map.of("issue_id", fromId), List.of("Run 'jit issue list' to see valid ids"));
            }
            Set<String> wanted = new LinkedHashSet<>(graph.upstream(fromId));
            wanted.add(fromId);
            selected = issues.stream().filter(i -> wanted.contains(i.id())).toList();
        }
        if (!states.isEmpty()) {
            selected = selected.stream().filter(i -> states.contains(i.state())).toList();
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        selected.forEach(i -> nodes.put(i.id(), new Node(i.id(), i, graph.isBlocked(i))));
        List<Edge> edges = new ArrayList<>();
        Map<String, Node> missing = new LinkedHashMap<>();
        for (Issue i : selected) {
            for (String dep : i.dependencies()) {
                if (nodes.containsKey(dep)) {
                    edges.add(new Edge(i.id(), dep));
                } else if (graph.get(dep) == null) {
                    missing.putIfAbsent(dep, new Node(dep, null, false));
                    edges.add(new Edge(i.id(), dep));
                }
            }
        }
        nodes.putAll(missing);
        return new GraphModel(List.copyOf(nodes.values()), List.copyOf(edges));
    }
}
