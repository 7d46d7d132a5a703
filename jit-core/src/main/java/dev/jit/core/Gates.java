package dev.jit.core;

import dev.jit.core.internal.rules.Transitions;
import dev.jit.core.model.Outcome;
import dev.jit.core.model.StateChange;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.events.EventHeader;
import dev.jit.core.events.GateAdded;
import dev.jit.core.events.GateDefined;
import dev.jit.core.events.GateFailed;
import dev.jit.core.events.GatePassed;
import dev.jit.core.events.GateUndefined;
import dev.jit.core.model.Gate;
import dev.jit.core.model.GateRegistry;
import dev.jit.core.model.GateState;
import dev.jit.core.model.GateStatus;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Names;
import dev.jit.core.model.State;
import dev.jit.core.internal.store.Store;
import dev.jit.core.internal.store.StoreView;
import dev.jit.core.internal.store.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Quality gates: the registry of definitions and each issue's required gates and their results. */
public final class Gates {
    private final Store store;

    Gates(Store store) {
        this.store = store;
    }

    public Gate define(String key, String title, String description, boolean auto, String example) {
        if (!Names.isName(key)) {
            throw JitException.invalidArgument("Invalid gate key '" + key + "'",
                    "Keys use letters, digits, '_', '.', '-', e.g. code-review");
        }
        if (title == null || title.isBlank()) {
            throw JitException.invalidArgument("A gate needs a --title");
        }
        try (Store.OpenTransaction open = store.begin("registry add")) {
            Transaction tx = open.transaction();
            if (tx.registry().gates().containsKey(key)) {
                throw new JitException(ErrorCode.ALREADY_EXISTS, "Gate '" + key + "' already exists",
                        Map.of("gate_key", key), List.of("Run 'jit registry show " + key + "' to see it"));
            }
            Gate gate = new Gate(key, title, description == null ? "" : description, auto, example, Map.of());
            tx.putRegistry(tx.registry().with(gate));
            tx.emit(new GateDefined(EventHeader.next(null), key));
            return open.commit(gate);
        }
    }

    /** Result of removing a gate definition: the issues that no longer require it. */
    public record Removal(String key, List<String> detachedIssues, List<StateChange> stateChanges) {
    }

    /**
     * Removes a definition. Issues that still require the gate block the removal unless {@code force},
     * which also drops the gate from them (a gated issue whose last pending gate that was becomes done).
     */
    public Removal undefine(String key, boolean force) {
        try (Store.OpenTransaction open = store.begin("registry remove")) {
            Transaction tx = open.transaction();
            requireDefined(tx, List.of(key));
            List<Issue> users = tx.issues().stream().filter(i -> i.gatesRequired().contains(key)).toList();
            if (!users.isEmpty() && !force) {
                throw new JitException(ErrorCode.GATE_IN_USE,
                        "Gate '" + key + "' is required by " + users.size() + " issue(s): "
                                + String.join(", ", users.stream().map(Issue::id).limit(10).toList()),
                        Map.of("gate_key", key, "issues", users.stream().map(Issue::id).toList()),
                        List.of("Pass --force to remove it from those issues too"));
            }
            Transitions transitions = new Transitions(tx);
            for (Issue issue : users) {
                List<String> gates = new ArrayList<>(issue.gatesRequired());
                gates.remove(key);
                Issue next = issue.withGatesRequired(gates).withUpdatedAt(Transitions.now());
                tx.put(next);
                completeIfGatesPassed(transitions, next);
            }
            tx.putRegistry(tx.registry().without(key));
            tx.emit(new GateUndefined(EventHeader.next(null), key));
            return open.commit(new Removal(key, users.stream().map(Issue::id).toList(), transitions.changes()));
        }
    }

    public Gate show(String key) {
        return store.read(view -> {
            requireDefined(view, List.of(key));
            return view.registry().gates().get(key);
        });
    }

    public List<Gate> list() {
        return store.read(view -> List.copyOf(view.registry().gates().values()));
    }

    /** Requires a registered gate on an issue (no-op if already required). */
    public Outcome require(String idOrPrefix, String key) {
        try (Store.OpenTransaction open = store.begin("gate add")) {
            Transaction tx = open.transaction();
            requireDefined(tx, List.of(key));
            Issue issue = Issues.touch(tx, idOrPrefix);
            if (issue.gatesRequired().contains(key)) {
                return open.commit(new Outcome(issue, List.of()));
            }
            List<String> gates = new ArrayList<>(issue.gatesRequired());
            gates.add(key);
            Issue next = issue.withGatesRequired(gates).withUpdatedAt(Transitions.now());
            tx.put(next);
            tx.emit(new GateAdded(EventHeader.next(issue.id()), key));
            return open.commit(new Outcome(next, List.of()));
        }
    }

    /** Records a gate result; passing the last pending gate of a gated issue completes it. */
    public Outcome record(String idOrPrefix, String key, GateStatus status, String by) {
        try (Store.OpenTransaction open = store.begin("gate " + (status == GateStatus.PASSED ? "pass" : "fail"))) {
            Transaction tx = open.transaction();
            Issue issue = Issues.touch(tx, idOrPrefix);
            if (!issue.gatesRequired().contains(key)) {
                throw new JitException(ErrorCode.GATE_ERROR,
                        "Gate '" + key + "' is not required for issue " + issue.id(),
                        Map.of("issue_id", issue.id(), "gate_key", key, "required", issue.gatesRequired()),
                        List.of("Add it first with 'jit gate add " + issue.id() + " " + key + "'"));
            }
            Issue next = issue.withGateState(key, new GateState(status, by, Transitions.now()))
                    .withUpdatedAt(Transitions.now());
            tx.put(next);
            EventHeader header = EventHeader.next(issue.id());
            tx.emit(status == GateStatus.PASSED ? new GatePassed(header, key, by) : new GateFailed(header, key, by));
            Transitions transitions = new Transitions(tx);
            next = completeIfGatesPassed(transitions, next);
            return open.commit(new Outcome(next, transitions.changes()));
        }
    }

    private static Issue completeIfGatesPassed(Transitions transitions, Issue issue) {
        if (issue.state() == State.GATED && !issue.hasUnpassedGates()) {
            return transitions.setState(issue, State.DONE);
        }
        return issue;
    }

    /** GATE_NOT_FOUND listing the known gates unless every key is in the registry. */
    static void requireDefined(StoreView view, List<String> keys) {
        GateRegistry registry = view.registry();
        for (String key : keys) {
            if (!registry.gates().containsKey(key)) {
                String known = registry.gates().isEmpty() ? "none defined yet"
                        : String.join(", ", registry.gates().keySet());
                throw new JitException(ErrorCode.GATE_NOT_FOUND, "Gate '" + key + "' is not in the registry (known: "
                        + known + ")", Map.of("gate_key", key, "known", List.copyOf(registry.gates().keySet())),
                        List.of("Define it with 'jit registry add " + key + " --title \"…\"'"));
            }
        }
    }
}
