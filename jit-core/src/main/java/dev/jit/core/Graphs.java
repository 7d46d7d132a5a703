package dev.jit.core;

import dev.jit.core.graph.DependencyGraph;
import dev.jit.core.graph.DependencyTree;
import dev.jit.core.graph.GraphModel;

import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import dev.jit.core.Queries.IssueView;
import dev.jit.core.internal.store.Store;
import java.util.List;
import java.util.Set;

/** Read-only views of the dependency graph: trees, dependents, roots and exports. Each call reads one snapshot. */
public final class Graphs {
    private final Store store;

    Graphs(Store store) {
        this.store = store;
    }

    /** A tree of one issue's dependencies, plus the issue and its transitive dependencies as a flat list. */
    public record Tree(DependencyTree.Node root, List<IssueView> issues) {
    }

    public Tree tree(String idOrPrefix) {
        return store.read(view -> {
            String id = view.resolveId(idOrPrefix);
            List<Issue> all = view.issues();
            DependencyGraph graph = new DependencyGraph(all);
            DependencyTree.Node root = DependencyTree.of(all, id);
            List<IssueView> flat = new java.util.ArrayList<>();
            flat.add(new IssueView(graph.get(id), graph.isBlocked(graph.get(id))));
            for (String dep : graph.upstream(id)) {
                Issue d = graph.get(dep);
                if (d != null) {
                    flat.add(new IssueView(d, graph.isBlocked(d)));
                }
            }
            return new Tree(root, flat);
        });
    }

    /** Trees covering every issue, and every edge (dependent → dependency) of the store. */
    public record Forest(List<DependencyTree.Node> trees, List<GraphModel.Edge> edges, List<Issue> issues) {
    }

    public Forest forest() {
        return store.read(view -> {
            List<Issue> all = view.issues();
            List<GraphModel.Edge> edges = all.stream().flatMap(i -> i.dependencies().stream()
                    .map(d -> new GraphModel.Edge(i.id(), d))).toList();
            return new Forest(DependencyTree.forest(all), edges, all);
        });
    }

    /** Every issue that depends on the given one, directly or transitively, nearest first. */
    public List<IssueView> downstream(String idOrPrefix) {
        return store.read(view -> {
            String id = view.resolveId(idOrPrefix);
            DependencyGraph graph = new DependencyGraph(view.issues());
            return graph.downstream(id).stream().map(graph::get).map(i -> new IssueView(i, graph.isBlocked(i))).toList();
        });
    }

    /** Issues with no dependencies, in creation order. */
    public List<IssueView> roots() {
        return store.read(view -> {
            List<Issue> all = view.issues();
            DependencyGraph graph = new DependencyGraph(all);
            return graph.roots(all).stream().map(i -> new IssueView(i, false)).toList();
        });
    }

    /** The graph to export: everything, or one issue's dependencies, optionally only some states. */
    public GraphModel model(String fromIdOrPrefix, Set<State> states) {
        return store.read(view -> GraphModel.of(view.issues(),
                fromIdOrPrefix == null ? null : view.resolveId(fromIdOrPrefix), states));
    }
}
