package dev.jit.cli.commands.graph;

import dev.jit.core.Presentation;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.graph.DependencyTree;
import dev.jit.core.Graphs;
import dev.jit.core.model.Issue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit graph show [ID]}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "show", description = {"Show dependencies as an indented tree: ID and everything it depends on, or "
        + "(without ID) every issue, starting from those nothing depends on.",
        "A sub-tree already shown is not repeated: its later occurrences are marked '(shared, see above)'. "
                + "Dependencies that name no issue are marked '(missing)'. Box-drawing on a terminal, "
                + "two-space indentation with full ids in a pipe."}, mixinStandardHelpOptions = true)
public final class GraphShow extends JitSubcommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Issue id or unique prefix (4+ characters)")
    String id;

    @Override
    protected void run() {
        Graphs graph = jit().graphs();
        Function<DependencyTree.Node, String> label = node -> label(node, terminal());
        if (id != null) {
            Graphs.Tree tree = graph.tree(id);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("issue_id", tree.root().id());
            data.put("tree", treeJson(tree.root()));
            data.put("dependencies", Presentation.issues(tree.issues()));
            data.put("count", tree.issues().size());
            emit(data, () -> DependencyTree.lines(tree.root(), terminal(), label).forEach(out()::println));
            return;
        }
        Graphs.Forest forest = graph.forest();
        Map<String, Issue> byId = new LinkedHashMap<>();
        forest.issues().forEach(i -> byId.put(i.id(), i));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("trees", forest.trees().stream().map(GraphShow::treeJson).toList());
        data.put("dependencies", forest.edges().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from_id", e.from());
            m.put("from_title", byId.get(e.from()).title());
            m.put("to_id", e.to());
            m.put("to_title", byId.containsKey(e.to()) ? byId.get(e.to()).title() : null);
            return m;
        }).toList());
        data.put("count", forest.edges().size());
        emit(data, () -> {
            StringBuilder sb = new StringBuilder();
            for (DependencyTree.Node root : forest.trees()) {
                DependencyTree.lines(root, terminal(), label).forEach(l -> sb.append(l).append('\n'));
            }
            out().print(sb);
            if (terminal() && forest.trees().isEmpty()) {
                out().println("No issues.");
            }
        });
    }

    private static String label(DependencyTree.Node node, boolean terminal) {
        String id = terminal ? shortId(node.id()) : node.id();
        if (node.missing()) {
            return id + " (missing)";
        }
        Issue i = node.issue();
        return id + "  " + i.title() + "  [" + i.state().wire() + (node.blocked() && !i.state().isClosed() ? ", blocked" : "")
                + "]" + (node.shared() ? " (shared, see above)" : "");
    }

    /** A tree as a flat pre-order list with depths (no nesting, so chains of any length serialise). */
    private static List<Map<String, Object>> treeJson(DependencyTree.Node root) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DependencyTree.Entry e : DependencyTree.flatten(root)) {
            DependencyTree.Node node = e.node();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", node.id());
            m.put("depth", e.depth());
            m.put("title", node.missing() ? null : node.issue().title());
            m.put("state", node.missing() ? "missing" : node.issue().state().wire());
            m.put("blocked", node.blocked());
            m.put("missing", node.missing());
            m.put("shared", node.shared());
            out.add(m);
        }
        return out;
    }
}
