package dev.jit.core.internal.rules;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.events.EventHeader;
import dev.jit.core.events.LeaseExpired;
import dev.jit.core.graph.DependencyGraph;
import dev.jit.core.internal.Timestamps;
import dev.jit.core.internal.store.StoreConfig;
import dev.jit.core.internal.store.Transaction;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Lease;
import dev.jit.core.model.Outcome;
import dev.jit.core.model.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Claims with a time limit. A lease lapses lazily: whichever command next touches the issue or lists ready work
 * frees it, in the same transaction as its own change, so no daemon is needed for correctness; jit-server and
 * jit-dispatch also free leases promptly when they fall due. Expiry and a late heartbeat are both decided under
 * the store's exclusive lock, against the lease as stored: exactly one of them wins.
 */
public final class Leases {
    private Leases() {
    }

    /** Frees {@code issue} if its lease has run out at {@code now}; returns the issue as it now stands. */
    public static Issue expireIfDue(Transaction tx, Issue issue, Instant now) {
        if (!issue.leaseExpiredAt(now)) {
            return issue;
        }
        return expire(tx, issue).issue();
    }

    /** Frees every issue whose lease has run out at {@code now}; one outcome per freed issue. */
    public static List<Outcome> expireAllDue(Transaction tx, Instant now) {
        List<Outcome> out = new ArrayList<>();
        for (Issue issue : tx.issues()) {
            if (issue.leaseExpiredAt(now)) {
                out.add(expire(tx, issue));
            }
        }
        return out;
    }

    /** Whether any of {@code issues} holds a lease that has run out at {@code now}: one loop, no allocation. */
    public static boolean anyDue(List<Issue> issues, Instant now) {
        for (Issue issue : issues) {
            if (issue.leaseExpiredAt(now)) {
                return true;
            }
        }
        return false;
    }

    /** The earliest lease expiry among {@code issues}, or null when none holds a lease. */
    public static Instant earliestExpiry(List<Issue> issues) {
        Instant earliest = null;
        for (Issue issue : issues) {
            if (issue.lease() != null && (earliest == null || issue.lease().expiry().isBefore(earliest))) {
                earliest = issue.lease().expiry();
            }
        }
        return earliest;
    }

    /**
     * The lease a claim by {@code assignee} gets: {@code ttl} if given ({@link Duration#ZERO}: none), else the
     * store's {@code default_ttl_secs} for anyone but a {@code human:} (people's claims never lapse by default).
     */
    public static Lease forClaim(Transaction tx, String assignee, Duration ttl, Instant now) {
        Duration effective = ttl;
        if (effective == null) {
            effective = assignee.startsWith("human:") ? null : StoreConfig.defaultLeaseTtl(tx.paths());
        }
        if (effective == null || effective.isZero()) {
            return null;
        }
        requireTtl(effective);
        String nowText = Timestamps.format(now);
        return new Lease(assignee, effective.toSeconds(), nowText, Timestamps.format(now.plus(effective)), nowText);
    }

    /** INVALID_ARGUMENT unless {@code ttl} is a whole number of seconds from 1 s to a week. */
    public static void requireTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.toSeconds() < 1 || ttl.toSeconds() > Lease.MAX_TTL_SECONDS || ttl.getNano() != 0) {
            throw JitException.invalidArgument("A lease lasts from 1 s to 7 d in whole seconds, not " + ttl.toSeconds()
                    + " s", "e.g. --ttl 15m, --ttl 90s, --ttl 2h; --ttl 0 claims without a lease");
        }
    }

    private static Outcome expire(Transaction tx, Issue issue) {
        Lease lease = issue.lease();
        Issue next = issue.withAssignee(null).withUpdatedAt(Timestamps.now());
        tx.put(next);
        tx.emit(new LeaseExpired(EventHeader.next(issue.id()), lease.holder(), lease.expiresAt()));
        Transitions transitions = new Transitions(tx);
        if (next.state() == State.IN_PROGRESS) {
            boolean blocked = DependencyGraph.isBlocked(next, tx.lookup());
            next = transitions.setState(next, blocked ? State.BACKLOG : State.READY);
        }
        return new Outcome(next, transitions.changes());
    }

    /**
     * Renews {@code issue}'s lease for its holder {@code who}: it then expires one TTL from {@code now}. A claim
     * without a lease is left as it is (it never lapses). Anyone but the holder is refused; so is a holder whose
     * lease has already run out (the caller commits that expiry first, see {@link #heartbeatRefusal}).
     */
    public static Issue heartbeat(Transaction tx, Issue issue, String who, Instant now) {
        if (issue.assignee() == null || !issue.assignee().equals(who)) {
            throw notHolder(issue, who);
        }
        if (issue.lease() == null) {
            return issue;
        }
        Lease lease = issue.lease();
        String nowText = Timestamps.format(now);
        Issue next = issue.withLease(new Lease(lease.holder(), lease.ttlSeconds(), lease.acquiredAt(),
                Timestamps.format(now.plusSeconds(lease.ttlSeconds())), nowText));
        tx.put(next);
        return next;
    }

    /** Why {@code who} may not renew {@code issue}, checked before the lease is renewed; null if it may. */
    public static JitException heartbeatRefusal(Issue issue, String who, Instant now) {
        if (issue.leaseExpiredAt(now) && issue.lease().holder().equals(who)) {
            return new JitException(ErrorCode.LEASE_EXPIRED,
                    "The lease of " + who + " on issue " + issue.id() + " ran out at " + issue.lease().expiresAt()
                            + "; the issue is free again",
                    Map.of("issue_id", issue.id(), "holder", who, "expired_at", issue.lease().expiresAt()),
                    List.of("Claim it again with 'jit issue claim " + issue.id() + " " + who + " --ttl <duration>'",
                            "Heartbeat more often than the lease's TTL (" + issue.lease().ttlSeconds() + " s)"));
        }
        if (issue.assignee() == null || !issue.assignee().equals(who)) {
            return notHolder(issue, who);
        }
        return null;
    }

    private static JitException notHolder(Issue issue, String who) {
        String holder = issue.assignee();
        return new JitException(ErrorCode.NOT_HOLDER,
                holder == null
                        ? "Issue " + issue.id() + " is not claimed, so " + who + " holds no lease on it"
                        : "Issue " + issue.id() + " is claimed by " + holder + ", not " + who,
                holder == null ? Map.of("issue_id", issue.id(), "who", who)
                        : Map.of("issue_id", issue.id(), "who", who, "holder", holder),
                List.of("Only the holder renews a lease: name it, as in 'jit issue heartbeat <id> <holder>', or set JIT_ACTOR",
                        "Run 'jit query leases' to see who holds what"));
    }
}
