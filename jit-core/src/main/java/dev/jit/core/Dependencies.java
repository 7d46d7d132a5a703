package dev.jit.core;

import dev.jit.core.internal.rules.Transitions;
import dev.jit.core.model.StateChange;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.events.DependencyAdded;
import dev.jit.core.events.DependencyRemoved;
import dev.jit.core.events.EventHeader;
import dev.jit.core.graph.DependencyGraph;
import dev.jit.core.model.Issue;
import dev.jit.core.internal.store.Store;
import dev.jit.core.internal.store.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Edges of the dependency DAG. The store lock makes the cycle check and the write one atomic step. */
public final class Dependencies {
    private final Store store;

    Dependencies(Store store) {
        this.store = store;
    }

    /** What {@code dep add} did. */
    public enum AddStatus { ADDED, SKIPPED, EXISTS }

    public record DepResult(String fromId, String toId, AddStatus status, Issue from, List<String> removedRedundant,
                            List<StateChange> stateChanges) {
    }

    /** Makes {@code from} depend on {@code to}, keeping {@code from}'s dependency list transitively reduced. */
    public DepResult add(String fromIdOrPrefix, String toIdOrPrefix) {
        try (Store.OpenTransaction open = store.begin("dep add")) {
            Transaction tx = open.transaction();
            Issue from = Issues.touch(tx, fromIdOrPrefix);
            Issue to = tx.issue(toIdOrPrefix);
            Function<String, Issue> lookup = tx.lookup();
            if (DependencyGraph.reaches(to.id(), from.id(), lookup)) {
                throw new JitException(ErrorCode.CYCLE_DETECTED,
                        "Adding dependency would create a cycle: " + from.id() + " -> " + to.id(),
                        Map.of("from", from.id(), "to", to.id()),
                        List.of(from.id().equals(to.id()) ? "An issue cannot depend on itself"
                                : to.id() + " already depends (perhaps indirectly) on " + from.id()));
            }
            if (from.dependencies().contains(to.id())) {
                return open.commit(new DepResult(from.id(), to.id(), AddStatus.EXISTS, from, List.of(), List.of()));
            }
            for (String dep : from.dependencies()) {
                if (DependencyGraph.reaches(dep, to.id(), lookup)) {
                    return open.commit(new DepResult(from.id(), to.id(), AddStatus.SKIPPED, from, List.of(), List.of()));
                }
            }
            List<String> deps = new ArrayList<>(from.dependencies());
            deps.add(to.id());
            List<String> reduced = DependencyGraph.transitivelyReduce(deps, lookup);
            List<String> dropped = new ArrayList<>(deps);
            dropped.removeAll(reduced);
            Issue next = from.withDependencies(reduced).withUpdatedAt(Transitions.now());
            tx.put(next);
            tx.emit(new DependencyAdded(EventHeader.next(from.id()), to.id()));
            for (String d : dropped) {
                tx.emit(new DependencyRemoved(EventHeader.next(from.id()), d));
            }
            Transitions transitions = new Transitions(tx);
            next = transitions.settle(next);
            return open.commit(new DepResult(from.id(), to.id(), AddStatus.ADDED, next, dropped, transitions.changes()));
        }
    }

    /** Removes the edge if present; {@code from} becomes ready if that unblocks it. */
    public DepResult remove(String fromIdOrPrefix, String toIdOrPrefix) {
        try (Store.OpenTransaction open = store.begin("dep rm")) {
            Transaction tx = open.transaction();
            Issue from = Issues.touch(tx, fromIdOrPrefix);
            String toId = resolveTarget(tx, from, toIdOrPrefix);
            if (!from.dependencies().contains(toId)) {
                return open.commit(new DepResult(from.id(), toId, null, from, List.of(), List.of()));
            }
            List<String> deps = new ArrayList<>(from.dependencies());
            deps.remove(toId);
            Issue next = from.withDependencies(deps).withUpdatedAt(Transitions.now());
            tx.put(next);
            tx.emit(new DependencyRemoved(EventHeader.next(from.id()), toId));
            Transitions transitions = new Transitions(tx);
            next = transitions.settle(next);
            return open.commit(new DepResult(from.id(), toId, null, next, List.of(), transitions.changes()));
        }
    }

    /** A dangling edge can still be removed by its exact id (or a prefix of it) though the issue is gone. */
    private static String resolveTarget(Transaction tx, Issue from, String toIdOrPrefix) {
        for (String dep : from.dependencies()) {
            if (dep.equals(toIdOrPrefix)) {
                return dep;
            }
        }
        List<String> dangling = from.dependencies().stream()
                .filter(d -> tx.find(d).isEmpty() && d.startsWith(toIdOrPrefix)).toList();
        if (dangling.size() == 1 && toIdOrPrefix.length() >= 4) {
            return dangling.get(0);
        }
        return tx.resolveId(toIdOrPrefix);
    }
}
