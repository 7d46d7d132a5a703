package dev.jit.core.graph;

import dev.jit.core.model.Issue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Dependency trees for display: each issue's children are its dependencies. A sub-tree that was already
 * printed is not repeated: the later occurrence is a leaf marked {@code shared}. Ids that name no issue are
 * leaves marked missing.
 */
public final class DependencyTree {
    /** One node; {@code issue} is null for a missing dependency. */
    public record Node(String id, Issue issue, boolean blocked, boolean shared, List<Node> children) {
        public boolean missing() {
            return issue == null;
        }
    }

    private final DependencyGraph graph;
    private final Set<String> expanded = new HashSet<>();

    private DependencyTree(DependencyGraph graph) {
        this.graph = graph;
    }

    /** The tree below one issue. */
    public static Node of(List<Issue> issues, String rootId) {
        return new DependencyTree(new DependencyGraph(issues)).build(rootId);
    }

    /**
     * A forest covering every issue: one tree per issue nothing depends on (creation order), then, if a
     * cycle left issues unreached, a tree for each of those.
     */
    public static List<Node> forest(List<Issue> issues) {
        DependencyGraph graph = new DependencyGraph(issues);
        DependencyTree builder = new DependencyTree(graph);
        List<Node> out = new ArrayList<>();
        for (Issue i : issues) {
            if (graph.dependentsOf(i.id()).isEmpty()) {
                out.add(builder.build(i.id()));
            }
        }
        for (Issue i : issues) {
            if (!builder.expanded.contains(i.id())) {
                out.add(builder.build(i.id()));
            }
        }
        return out;
    }

    // Recursion depth equals the dependency chain length; chains in real stores are short, and
    // the shared-subtree rule keeps the total work linear in nodes + edges.
    private Node build(String id) {
        Issue issue = graph.get(id);
        if (issue == null) {
            return new Node(id, null, false, false, List.of());
        }
        boolean blocked = graph.isBlocked(issue);
        if (!expanded.add(id)) {
            return new Node(id, issue, blocked, true, List.of());
        }
        List<Node> children = new ArrayList<>();
        for (String dep : issue.dependencies()) {
            children.add(build(dep));
        }
        return new Node(id, issue, blocked, false, children);
    }

    /**
     * Text lines for a tree: with {@code boxDrawing} the usual ├── └── │ connectors, else two spaces per level
     * (easy to parse in a pipe). {@code label} renders one node without connectors.
     */
    public static List<String> lines(Node root, boolean boxDrawing, java.util.function.Function<Node, String> label) {
        List<String> out = new ArrayList<>();
        out.add(label.apply(root));
        appendChildren(root, "", boxDrawing, label, out, 1);
        return out;
    }

    private static void appendChildren(Node node, String prefix, boolean box, java.util.function.Function<Node, String> label,
                                       List<String> out, int depth) {
        List<Node> children = node.children();
        for (int k = 0; k < children.size(); k++) {
            Node child = children.get(k);
            boolean last = k == children.size() - 1;
            if (box) {
                out.add(prefix + (last ? "└── " : "├── ") + label.apply(child));
                appendChildren(child, prefix + (last ? "    " : "│   "), true, label, out, depth + 1);
            } else {
                out.add("  ".repeat(depth) + label.apply(child));
                appendChildren(child, prefix, false, label, out, depth + 1);
            }
        }
    }
}
