package dev.jit.core;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.internal.rules.Leases;
import dev.jit.core.internal.rules.Readiness;

import dev.jit.core.model.BlockReason;
import dev.jit.core.graph.DependencyGraph;
import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import dev.jit.core.query.IssueFilter;
import dev.jit.core.internal.store.Store;
import dev.jit.core.internal.store.StoreView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Read-only questions about the store, each answered from one consistent view. Plain loops and
 * {@link Store#openView()}, no lambdas or streams: these are the commands agents run most, and a short
 * process that links no lambda starts about 10 ms sooner.
 */
public final class Queries {
    private final Store store;

    Queries(Store store) {
        this.store = store;
    }

    /** An issue with its derived blocked flag. */
    public record IssueView(Issue issue, boolean blocked) {
    }

    public IssueView show(String idOrPrefix) {
        try (Store.OpenView open = store.openView()) {
            IssueView view = viewOf(open.view(), idOrPrefix);
            if (!view.issue().leaseExpiredAt(Instant.now())) {
                return view;
            }
        }
        expireLeases();
        try (Store.OpenView open = store.openView()) {
            return viewOf(open.view(), idOrPrefix);
        }
    }

    private static IssueView viewOf(StoreView view, String idOrPrefix) {
        Issue issue = view.issue(idOrPrefix);
        return new IssueView(issue, DependencyGraph.isBlocked(issue, view.lookup()));
    }

    /** Issues matching {@code filter}, in creation order. */
    public List<IssueView> list(IssueFilter filter) {
        try (Store.OpenView open = store.openView()) {
            if (!Leases.anyDue(open.view().issues(), Instant.now())) {
                return filtered(open.view(), filter);
            }
        }
        expireLeases();
        try (Store.OpenView open = store.openView()) {
            return filtered(open.view(), filter);
        }
    }

    /**
     * Frees claims whose lease ran out, for a read that found one: a read is where an expiry is first seen when
     * no jit-server or jit-dispatch runs. Where the store cannot be written (read-only, full disk) the read goes
     * on with the store as it is, and a warning.
     */
    private void expireLeases() {
        try (Store.OpenTransaction open = store.begin("lease expiry")) {
            Leases.expireAllDue(open.transaction(), Instant.now());
            open.commit();
        } catch (JitException e) {
            if (e.code() != ErrorCode.IO_ERROR && e.code() != ErrorCode.LOCK_TIMEOUT) {
                throw e;
            }
            store.options().warnings().accept("cannot free claims whose lease ran out (" + e.getMessage()
                    + "); showing them as they are");
        }
    }

    /** Every claim with a lease, soonest expiry first. */
    public List<Issue> leases() {
        List<Issue> out = new ArrayList<>();
        for (IssueView v : list(IssueFilter.ALL)) {
            if (v.issue().lease() != null) {
                out.add(v.issue());
            }
        }
        out.sort(new SoonestExpiry());
        return out;
    }

    private static final class SoonestExpiry implements java.util.Comparator<Issue> {
        @Override
        public int compare(Issue a, Issue b) {
            return a.lease().expiry().compareTo(b.lease().expiry());
        }
    }

    /**
     * In-memory search: case-insensitive substring of title or description, or prefix of the id; an empty
     * query matches everything. Then {@code filter} applies.
     */
    public List<IssueView> search(String query, IssueFilter filter) {
        List<IssueView> out = new ArrayList<>();
        for (IssueView v : list(filter)) {
            if (matches(v.issue(), query)) {
                out.add(v);
            }
        }
        return out;
    }

    /** The search rule on its own: {@code query} is a case-insensitive id prefix or title/description substring. */
    public static boolean matches(Issue issue, String query) {
        String q = query == null ? "" : query.toLowerCase(Locale.ROOT);
        return q.isEmpty() || issue.id().toLowerCase(Locale.ROOT).startsWith(q)
                || issue.title().toLowerCase(Locale.ROOT).contains(q)
                || issue.description().toLowerCase(Locale.ROOT).contains(q);
    }

    private static List<IssueView> filtered(StoreView view, IssueFilter filter) {
        List<Issue> all = view.issues();
        DependencyGraph graph = new DependencyGraph(all);
        List<IssueView> out = new ArrayList<>();
        for (Issue i : all) {
            boolean blocked = graph.isBlocked(i);
            if (filter.test(i, blocked)) {
                out.add(new IssueView(i, blocked));
            }
        }
        return out;
    }

    /** Every issue id, in creation order (the index: one small read under the shared lock). */
    public List<String> ids() {
        try (Store.OpenView open = store.openView()) {
            return open.view().ids();
        }
    }

    /** Work an agent can take now: ready, unassigned, unblocked; most urgent first, then oldest. */
    public List<Issue> ready(IssueFilter filter) {
        try (Store.OpenView open = store.openView()) {
            List<Issue> all = open.view().issues();
            if (!Leases.anyDue(all, Instant.now())) {
                return readyOf(all, open.view().ids(), filter);
            }
        }
        expireLeases();
        try (Store.OpenView open = store.openView()) {
            return readyOf(open.view().issues(), open.view().ids(), filter);
        }
    }

    /** {@link #ready} over issues a caller already holds; {@code order} is the index's creation order. */
    public static List<Issue> readyOf(List<Issue> all, List<String> order, IssueFilter filter) {
        return Readiness.ready(all, order, filter.ofUnblocked(), Readiness.DEFAULT_RANK);
    }

    /** An issue that cannot proceed, with every reason. */
    public record Blocked(Issue issue, List<BlockReason> reasons) {
    }

    /**
     * Issues that cannot proceed: dependency-blocked issues that are not closed, and gated issues waiting on
     * gates. Each lists every unfinished dependency (missing ones included) and every unpassed gate.
     */
    public List<Blocked> blocked() {
        try (Store.OpenView open = store.openView()) {
            return blockedOf(open.view().issues());
        }
    }

    /** {@link #blocked} over issues a caller already holds (e.g. a server's cached snapshot). */
    public static List<Blocked> blockedOf(List<Issue> all) {
        DependencyGraph graph = new DependencyGraph(all);
        List<Blocked> out = new ArrayList<>();
        for (Issue i : all) {
            if (i.state().isClosed() || i.state() == State.ARCHIVED) {
                continue;
            }
            List<BlockReason> reasons = new ArrayList<>(graph.dependencyReasons(i));
            boolean gateBlocked = i.state() == State.GATED;
            if (!reasons.isEmpty() || gateBlocked) {
                for (String g : i.unpassedGates()) {
                    var gs = i.gatesStatus().get(g);
                    String status = gs == null ? "pending" : gs.status().wire();
                    reasons.add(new BlockReason("gate", g, status, g + " (" + status + ")"));
                }
                out.add(new Blocked(i, reasons));
            }
        }
        return out;
    }

    /** Counts by state, plus blocked (unclosed dependency-blocked issues) and total. */
    public Map<String, Integer> status() {
        try (Store.OpenView open = store.openView()) {
            return statusOf(open.view().issues());
        }
    }

    /** {@link #status} over issues a caller already holds. */
    public static Map<String, Integer> statusOf(List<Issue> all) {
        DependencyGraph graph = new DependencyGraph(all);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (State s : State.values()) {
            counts.put(s.wire(), 0);
        }
        int blocked = 0;
        for (Issue i : all) {
            counts.put(i.state().wire(), counts.get(i.state().wire()) + 1);
            if (!i.state().isClosed() && i.state() != State.ARCHIVED && graph.isBlocked(i)) {
                blocked++;
            }
        }
        counts.put("blocked", blocked);
        counts.put("total", all.size());
        return counts;
    }
}
