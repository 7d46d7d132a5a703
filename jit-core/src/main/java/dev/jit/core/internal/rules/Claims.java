package dev.jit.core.internal.rules;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.events.EventHeader;
import dev.jit.core.events.IssueClaimed;
import dev.jit.core.events.IssueReleased;
import dev.jit.core.graph.DependencyGraph;
import dev.jit.core.internal.store.Transaction;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Outcome;
import dev.jit.core.model.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Claiming and releasing an issue inside an open transaction: one rule for every front end and the dispatcher. */
public final class Claims {
    private Claims() {
    }

    /**
     * Claims {@code issue} for {@code assignee} inside {@code tx}: the rule behind claim, claim-next and dispatch.
     * A claim whose lease ran out no longer counts.
     *
     * @param ttl the claim's lease (see {@link Leases#forClaim}): null for the store's default, zero for none
     */
    public static Outcome claim(Transaction tx, Issue issue, String assignee, Duration ttl) {
        Instant now = Instant.now();
        issue = Leases.expireIfDue(tx, issue, now);
        if (issue.assignee() != null) {
            throw new JitException(ErrorCode.ALREADY_ASSIGNED,
                    "Issue " + issue.id() + " is already assigned to " + issue.assignee(),
                    Map.of("issue_id", issue.id(), "assignee", issue.assignee()),
                    List.of("Run 'jit issue claim-next " + assignee + "' to take other ready work"));
        }
        if (issue.state().isClosed() || issue.state() == State.ARCHIVED) {
            throw new JitException(ErrorCode.TRANSITION_BLOCKED,
                    "Issue " + issue.id() + " is " + issue.state().wire() + " and cannot be claimed",
                    Map.of("issue_id", issue.id(), "state", issue.state().wire()),
                    List.of("Reopen it first with 'jit issue update " + issue.id() + " --state ready'"));
        }
        if (DependencyGraph.isBlocked(issue, tx.lookup())) {
            throw blockedTransition(tx, issue, State.IN_PROGRESS);
        }
        Issue next = issue.withAssignee(assignee).withLease(Leases.forClaim(tx, assignee, ttl, now))
                .withUpdatedAt(Transitions.now());
        tx.put(next);
        tx.emit(new IssueClaimed(EventHeader.next(issue.id()), assignee));
        Transitions transitions = new Transitions(tx);
        if (next.state() == State.READY || next.state() == State.BACKLOG) {
            next = transitions.setState(next, State.IN_PROGRESS);
        }
        return new Outcome(next, transitions.changes());
    }

    /** Releases {@code issue} inside {@code tx}; in_progress returns to ready if unblocked, else backlog. */
    public static Outcome release(Transaction tx, Issue issue, String reason) {
        Issue next = issue.withAssignee(null).withUpdatedAt(Transitions.now());
        tx.put(next);
        tx.emit(new IssueReleased(EventHeader.next(issue.id()), Objects.requireNonNullElse(issue.assignee(), ""),
                reason));
        Transitions transitions = new Transitions(tx);
        if (next.state() == State.IN_PROGRESS) {
            boolean blocked = DependencyGraph.isBlocked(next, tx.lookup());
            next = transitions.setState(next, blocked ? State.BACKLOG : State.READY);
        }
        return new Outcome(next, transitions.changes());
    }

    /** TRANSITION_BLOCKED for moving {@code issue} to {@code target}, naming its unfinished dependencies. */
    public static JitException blockedTransition(Transaction tx, Issue issue, State target) {
        List<String> open = new ArrayList<>();
        for (String d : issue.dependencies()) {
            Issue dep = tx.find(d).orElse(null);
            if (dep == null || !dep.state().isClosed()) {
                open.add(d);
            }
        }
        return new JitException(ErrorCode.TRANSITION_BLOCKED,
                "Cannot move " + issue.id() + " to " + target.wire() + ": blocked by unfinished dependencies "
                        + String.join(", ", open),
                Map.of("issue_id", issue.id(), "target_state", target.wire(), "blocked_by", open),
                List.of("Finish (done) or reject the dependencies first",
                        "Or remove the dependency with 'jit dep rm " + issue.id() + " <dep>'"));
    }
}
