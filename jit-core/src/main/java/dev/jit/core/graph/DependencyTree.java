package dev.jit.core.graph;

import dev.jit.core.model.Issue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

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

    /** An issue being expanded: its children so far and the dependencies still to visit. */
    private record Frame(String id, Issue issue, boolean blocked, List<Node> children, Iterator<String> deps) {
    }

    /** Depth-first with an explicit stack: dependency chains can be thousands of issues long. */
    private Node build(String rootId) {
        Deque<Frame> stack = new ArrayDeque<>();
        Node leaf = visit(rootId, stack);
        if (leaf != null) {
            return leaf;
        }
        while (true) {
            Frame top = stack.peek();
            if (top.deps().hasNext()) {
                Node child = visit(top.deps().next(), stack);
                if (child != null) {
                    top.children().add(child);
                }
                continue;
            }
            stack.pop();
            Node done = new Node(top.id(), top.issue(), top.blocked(), false, List.copyOf(top.children()));
            if (stack.isEmpty()) {
                return done;
            }
            stack.peek().children().add(done);
        }
    }

    /** A leaf for a missing or already expanded id; otherwise pushes a frame to expand and returns null. */
    private Node visit(String id, Deque<Frame> stack) {
        Issue issue = graph.get(id);
        if (issue == null) {
            return new Node(id, null, false, false, List.of());
        }
        if (!expanded.add(id)) {
            return new Node(id, issue, graph.isBlocked(issue), true, List.of());
        }
        stack.push(new Frame(id, issue, graph.isBlocked(issue), new ArrayList<>(), issue.dependencies().iterator()));
        return null;
    }

    /** A tree node in display order (pre-order) with its depth (0 for the root). */
    public record Entry(Node node, int depth) {
    }

    /** Whether each ancestor (innermost first) was the last of its siblings: decides │ or blank in the prefix. */
    private record Trail(boolean last, Trail parent) {
    }

    private record Walked(Node node, int depth, Trail trail) {
    }

    public static List<Entry> flatten(Node root) {
        return walk(root).stream().map(w -> new Entry(w.node(), w.depth())).toList();
    }

    private static List<Walked> walk(Node root) {
        List<Walked> out = new ArrayList<>();
        Deque<Walked> stack = new ArrayDeque<>();
        stack.push(new Walked(root, 0, null));
        while (!stack.isEmpty()) {
            Walked item = stack.pop();
            out.add(item);
            List<Node> children = item.node().children();
            for (int k = children.size() - 1; k >= 0; k--) {
                stack.push(new Walked(children.get(k), item.depth() + 1, new Trail(k == children.size() - 1, item.trail())));
            }
        }
        return out;
    }

    /**
     * Text lines for a tree: with {@code boxDrawing} the usual ├── └── │ connectors, else two spaces per level
     * (easy to parse in a pipe). {@code label} renders one node without connectors.
     */
    public static List<String> lines(Node root, boolean boxDrawing, Function<Node, String> label) {
        List<String> out = new ArrayList<>();
        for (Walked w : walk(root)) {
            StringBuilder sb = new StringBuilder();
            if (!boxDrawing) {
                sb.append("  ".repeat(w.depth()));
            } else if (w.trail() != null) {
                List<String> parts = new ArrayList<>();
                parts.add(w.trail().last() ? "└── " : "├── ");
                for (Trail t = w.trail().parent(); t != null; t = t.parent()) {
                    parts.add(t.last() ? "    " : "│   ");
                }
                for (int k = parts.size() - 1; k >= 0; k--) {
                    sb.append(parts.get(k));
                }
            }
            out.add(sb.append(label.apply(w.node())).toString());
        }
        return out;
    }
}
