package dev.jit.core.graph;

import dev.jit.core.model.BlockReason;

import dev.jit.core.model.Issue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The dependency DAG over a set of issues. An edge A → B means "A depends on B". Lookups of ids that are
 * not in the graph (dangling edges) count as missing dependencies, which block.
 */
public final class DependencyGraph implements Function<String, Issue> {
    private final Map<String, Issue> byId;
    private Map<String, List<String>> dependents;

    public DependencyGraph(List<Issue> issues) {
        this.byId = new HashMap<>(issues.size() * 2);
        for (Issue i : issues) {
            byId.put(i.id(), i);
        }
    }

    public Issue get(String id) {
        return byId.get(id);
    }

    /** {@link #get}: the graph is also the lookup its static checks take (a class, so no lambda is linked). */
    @Override
    public Issue apply(String id) {
        return get(id);
    }

    /** True iff some dependency is missing or not closed (done or rejected). */
    public boolean isBlocked(Issue issue) {
        return isBlocked(issue, this);
    }

    /** Blocked test against any lookup (e.g. a transaction that loads issues lazily). */
    public static boolean isBlocked(Issue issue, Function<String, Issue> lookup) {
        for (String dep : issue.dependencies()) {
            Issue d = lookup.apply(dep);
            if (d == null || !d.state().isClosed()) {
                return true;
            }
        }
        return false;
    }

    /** Why an issue is blocked: one entry per unfinished or missing dependency. */
    public List<BlockReason> dependencyReasons(Issue issue) {
        List<BlockReason> out = new ArrayList<>();
        for (String dep : issue.dependencies()) {
            Issue d = byId.get(dep);
            if (d == null) {
                out.add(new BlockReason("dependency", dep, "missing", "dependency " + dep + " does not exist"));
            } else if (!d.state().isClosed()) {
                out.add(new BlockReason("dependency", dep, d.state().wire(),
                        d.id() + " (" + d.title() + ":" + d.state().wire() + ")"));
            }
        }
        return out;
    }

    /** Issues that depend directly on {@code id}, in creation order of the input list. */
    public List<String> dependentsOf(String id) {
        if (dependents == null) {
            dependents = new HashMap<>();
            for (Issue i : byId.values()) {
                for (String d : i.dependencies()) {
                    dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(i.id());
                }
            }
            dependents.values().forEach(l -> l.sort(null));
        }
        return dependents.getOrDefault(id, List.of());
    }

    /** All transitive dependents of {@code id} (breadth-first, nearest first). */
    public List<String> downstream(String id) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(dependentsOf(id));
        while (!queue.isEmpty()) {
            String next = queue.removeFirst();
            if (seen.add(next)) {
                queue.addAll(dependentsOf(next));
            }
        }
        return new ArrayList<>(seen);
    }

    /** All transitive dependencies of {@code id} (depth-first pre-order), missing ones included. */
    public List<String> upstream(String id) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> stack = new ArrayDeque<>();
        Issue start = byId.get(id);
        if (start != null) {
            pushReversed(stack, start.dependencies());
        }
        while (!stack.isEmpty()) {
            String next = stack.pop();
            if (seen.add(next)) {
                Issue i = byId.get(next);
                if (i != null) {
                    pushReversed(stack, i.dependencies());
                }
            }
        }
        return new ArrayList<>(seen);
    }

    private static void pushReversed(Deque<String> stack, List<String> ids) {
        for (int k = ids.size() - 1; k >= 0; k--) {
            stack.push(ids.get(k));
        }
    }

    /** Whether {@code to} can be reached from {@code from} following dependency edges (from == to counts). */
    public boolean reaches(String from, String to) {
        return reaches(from, to, this);
    }

    public static boolean reaches(String from, String to, Function<String, Issue> lookup) {
        Deque<String> stack = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        stack.push(from);
        while (!stack.isEmpty()) {
            String next = stack.pop();
            if (next.equals(to)) {
                return true;
            }
            if (seen.add(next)) {
                Issue i = lookup.apply(next);
                if (i != null) {
                    for (String dep : i.dependencies()) {
                        stack.push(dep);
                    }
                }
            }
        }
        return false;
    }

    /** A cycle in the graph as a list of ids (first == last), or an empty list when the graph is a DAG. */
    public List<String> findCycle() {
        Map<String, Integer> color = new HashMap<>();
        for (String root : byId.keySet().stream().sorted().toList()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = visit(root, color, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private List<String> visit(String id, Map<String, Integer> color, List<String> path) {
        // Iterative DFS with an explicit path so deep chains cannot overflow the stack.
        Deque<java.util.Iterator<String>> iters = new ArrayDeque<>();
        if (color.getOrDefault(id, 0) != 0) {
            return List.of();
        }
        color.put(id, 1);
        path.add(id);
        iters.push(depsOf(id).iterator());
        while (!iters.isEmpty()) {
            java.util.Iterator<String> it = iters.peek();
            if (it.hasNext()) {
                String next = it.next();
                int c = color.getOrDefault(next, 0);
                if (c == 1) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
                    cycle.add(next);
                    return cycle;
                }
                if (c == 0 && byId.containsKey(next)) {
                    color.put(next, 1);
                    path.add(next);
                    iters.push(depsOf(next).iterator());
                }
            } else {
                iters.pop();
                color.put(path.remove(path.size() - 1), 2);
            }
        }
        return List.of();
    }

    private List<String> depsOf(String id) {
        Issue i = byId.get(id);
        return i == null ? List.of() : i.dependencies();
    }

    /** Issues without dependencies, in input order. */
    public List<Issue> roots(List<Issue> ordered) {
        return ordered.stream().filter(i -> i.dependencies().isEmpty()).toList();
    }

    /**
     * Drops every dependency of {@code deps} that is reachable through another one, so the list keeps only
     * direct, necessary edges.
     */
    public static List<String> transitivelyReduce(List<String> deps, Function<String, Issue> lookup) {
        List<String> kept = new ArrayList<>();
        for (String candidate : deps) {
            boolean redundant = false;
            for (String other : deps) {
                if (!other.equals(candidate) && reaches(other, candidate, lookup)) {
                    redundant = true;
                    break;
                }
            }
            if (!redundant) {
                kept.add(candidate);
            }
        }
        return kept;
    }
}
