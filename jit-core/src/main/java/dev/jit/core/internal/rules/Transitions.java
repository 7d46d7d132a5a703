package dev.jit.core.internal.rules;

import dev.jit.core.model.StateChange;

import dev.jit.core.internal.Timestamps;
import dev.jit.core.events.EventHeader;
import dev.jit.core.events.IssueCompleted;
import dev.jit.core.events.IssueStateChanged;
import dev.jit.core.graph.DependencyGraph;
import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import dev.jit.core.internal.store.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * The state rules shared by every command: how an issue's state is changed (with its events) and how
 * dependents follow when an issue closes or reopens. Keeps the invariant that an unassigned issue in
 * backlog or ready is {@code ready} exactly when it is unblocked.
 */
public final class Transitions {
    private final Transaction tx;
    private final List<StateChange> changes = new ArrayList<>();

    public Transitions(Transaction tx) {
        this.tx = tx;
    }

    public static String now() {
        return Timestamps.now();
    }

    public List<StateChange> changes() {
        return changes;
    }

    /** Stages {@code issue} in state {@code to} with the matching events; returns the new version. */
    public Issue setState(Issue issue, State to) {
        State from = issue.state();
        if (from == to) {
            return issue;
        }
        Issue updated = issue.withState(to).withUpdatedAt(now());
        if (to != State.IN_PROGRESS) {
            updated = updated.withLease(null); // a lease times work in progress only: done, gated … keep the claim
        }
        tx.put(updated);
        tx.emit(new IssueStateChanged(EventHeader.next(issue.id()), from, to));
        if (to == State.DONE) {
            tx.emit(new IssueCompleted(EventHeader.next(issue.id())));
        }
        changes.add(new StateChange(issue.id(), from, to));
        if (from.isClosed() != to.isClosed()) {
            propagate(updated);
        }
        return updated;
    }

    /** Moves {@code backlog → ready} or {@code ready → backlog} so the state matches the blocked flag. */
    public Issue settle(Issue issue) {
        boolean blocked = DependencyGraph.isBlocked(issue, tx.lookup());
        if (issue.state() == State.BACKLOG && !blocked) {
            return setState(issue, State.READY);
        }
        if (issue.state() == State.READY && blocked) {
            return setState(issue, State.BACKLOG);
        }
        return issue;
    }

    /** After {@code changed} closed or reopened, its direct dependents may become ready or blocked. */
    private void propagate(Issue changed) {
        for (Issue dependent : dependentsOf(changed.id())) {
            settle(dependent);
        }
    }

    public List<Issue> dependentsOf(String id) {
        List<Issue> out = new ArrayList<>();
        for (Issue i : tx.issues()) {
            if (i.dependencies().contains(id)) {
                out.add(i);
            }
        }
        return out;
    }
}
