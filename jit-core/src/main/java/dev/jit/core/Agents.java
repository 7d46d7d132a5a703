package dev.jit.core;

import dev.jit.core.events.AgentExited;
import dev.jit.core.events.AgentOrphaned;
import dev.jit.core.events.AgentStalled;
import dev.jit.core.events.AgentStarted;
import dev.jit.core.events.EventHeader;
import dev.jit.core.internal.rules.Claims;
import dev.jit.core.internal.rules.Leases;
import dev.jit.core.internal.rules.Readiness;
import dev.jit.core.internal.store.Store;
import dev.jit.core.internal.store.StoreView;
import dev.jit.core.internal.store.Transaction;
import dev.jit.core.model.DispatchRecord;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Outcome;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * What an agent coordinator (jit-dispatch) does to the store: claim ready work for agents and record that an
 * agent started on it, release work with the reason an agent failed, and record agents' exits, stalls and
 * orphans, and keep each issue's {@link DispatchRecord} (failed attempts, next retry) in {@code dispatch.json}. A
 * dispatch cycle is several of these in one commit ({@link #inOneCommit}), so that a crash never leaves a claim
 * without its {@code agent_started} event, or a release without its {@code agent_exited} and its counted attempt.
 */
public final class Agents {
    private final Store store;

    Agents(Store store) {
        this.store = store;
    }

    /** Ready work in dispatch order: {@code rank} orders priorities (0 first), then creation order. */
    public List<Issue> queue(ToIntFunction<Priority> rank) {
        try (Store.OpenView open = store.openView()) {
            return queueOf(open.view(), rank, issue -> true);
        }
    }

    private static List<Issue> queueOf(StoreView view, ToIntFunction<Priority> rank, Predicate<Issue> eligible) {
        return Readiness.ready(view.issues(), view.ids(), eligible, rank);
    }

    /**
     * Every issue's dispatch record, by issue id, in one consistent read. CORRUPT_DATA naming {@code dispatch.json}
     * when the file is damaged; entries that cannot be read are left out with a warning.
     */
    public Map<String, DispatchRecord> dispatchRecords() {
        try (Store.OpenView open = store.openView()) {
            return open.view().dispatchState().records();
        }
    }

    /** Runs {@code work} in one locked transaction and commits everything it did as one unit. */
    public <T> T inOneCommit(String purpose, Function<Commit, T> work) {
        return store.write(purpose, tx -> work.apply(new Commit(tx)));
    }

    /** The operations of one dispatch commit; valid only inside {@link #inOneCommit}. */
    public static final class Commit {
        private final Transaction tx;

        private Commit(Transaction tx) {
            this.tx = tx;
        }

        /** The issue with this exact id, as this commit sees it. */
        public Optional<Issue> find(String id) {
            return tx.find(id);
        }

        /** {@link Agents#queue}, as this commit sees the store, restricted to {@code eligible} issues. */
        public List<Issue> queue(ToIntFunction<Priority> rank, Predicate<Issue> eligible) {
            return queueOf(tx, rank, eligible);
        }

        /**
         * Claims {@code issue} for {@code assignee} under a lease of {@code ttl} and records that agent
         * {@code agentId} starts on it.
         */
        public Issue claimAndRecord(Issue issue, String assignee, Duration ttl, String agentId, List<String> argv,
                                    String log) {
            Issue claimed = Claims.claim(tx, issue, assignee, ttl).issue();
            tx.emit(new AgentStarted(EventHeader.next(issue.id()), agentId, List.copyOf(argv), log));
            return claimed;
        }

        /**
         * Renews the lease {@code holder} has on issue {@code id} while its agent runs; false if the issue is gone
         * or no longer {@code holder}'s (its lease ran out and somebody else took it, or a human reassigned it).
         */
        public boolean renewLease(String id, String holder) {
            Instant now = Instant.now();
            Issue issue = tx.find(id).orElse(null);
            if (issue == null || Leases.heartbeatRefusal(issue, holder, now) != null) {
                return false;
            }
            Leases.heartbeat(tx, issue, holder, now);
            return true;
        }

        /** Whether claiming {@code issue} must wait for prechecks to pass first (see {@link Gates#precheck}). */
        public boolean awaitsPrecheck(Issue issue) {
            return !issue.gatesRequired().isEmpty() && Gates.awaitsPrecheck(tx.registry(), issue);
        }

        /** Frees every claim whose lease has run out (its holder died without the dispatcher noticing). */
        public List<Issue> expireLeases() {
            List<Issue> freed = new ArrayList<>();
            for (Outcome o : Leases.expireAllDue(tx, Instant.now())) {
                freed.add(o.issue());
            }
            return freed;
        }

        /** Releases {@code issue} (in_progress back to ready, or backlog when blocked) for {@code reason}. */
        public Issue releaseWithReason(Issue issue, String reason) {
            return Claims.release(tx, issue, reason).issue();
        }

        /**
         * Records that an agent process ended.
         *
         * @param exitCode null when unknown (an adopted process)
         * @param issueState the issue's state after this commit's release, or null if the issue is gone
         * @param stopped why the dispatcher stopped the agent, or null
         */
        public void agentExited(String issueId, String agentId, long pid, Integer exitCode, long durationMs,
                                State issueState, boolean released, String stopped) {
            tx.emit(new AgentExited(EventHeader.next(issueId), agentId, pid, exitCode, durationMs,
                    issueState == null ? "deleted" : issueState.wire(), released, stopped));
        }

        /** Records what a dispatcher did with an agent whose dispatcher died . */
        public void agentOrphaned(String issueId, String agentId, AgentOrphaned.Action action, long pid,
                                  long previousDispatcherPid) {
            tx.emit(new AgentOrphaned(EventHeader.next(issueId), agentId, action, pid, previousDispatcherPid));
        }

        /** Every issue's dispatch record, by issue id, as this commit sees them (see {@link Agents#dispatchRecords}). */
        public Map<String, DispatchRecord> dispatchRecords() {
            return tx.dispatchState().records();
        }

        /** The issue's dispatch record as this commit sees it; a fresh one (no attempts) if it has none. */
        public DispatchRecord dispatchRecord(String issueId) {
            DispatchRecord r = tx.dispatchState().records().get(issueId);
            return r != null ? r : DispatchRecord.fresh(issueId);
        }

        /** Stores {@code record} in this commit, replacing whatever {@code dispatch.json} held for its issue. */
        public void putDispatchRecord(DispatchRecord record) {
            tx.putDispatchState(tx.dispatchState().with(record));
        }

        /** Forgets the issue's dispatch record (its attempts start again from 0); nothing if it has none. */
        public void removeDispatchRecord(String issueId) {
            if (tx.dispatchState().records().containsKey(issueId) || tx.dispatchState().unreadable().containsKey(issueId)) {
                tx.putDispatchState(tx.dispatchState().without(issueId));
            }
        }

        /** Adds {@code label} to the issue (an {@code issue_updated} event, as {@code jit issue update --label}). */
        public Issue addLabel(Issue issue, String label) {
            Issues.requireLabel(label);
            return Issues.applyEdit(tx, issue, new Issues.Edit(null, null, null, null, List.of(label), List.of(),
                    Map.of(), List.of())).issue();
        }

        /** Records that an agent was stopped for printing nothing for {@code stallTimeoutMs}. */
        public void agentStalled(String issueId, String agentId, long pid, long stallTimeoutMs) {
            tx.emit(new AgentStalled(EventHeader.next(issueId), agentId, pid, stallTimeoutMs));
        }
    }
}
