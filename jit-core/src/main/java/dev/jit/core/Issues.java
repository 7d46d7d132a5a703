package dev.jit.core;

import dev.jit.core.internal.rules.Claims;
import dev.jit.core.internal.rules.Leases;
import dev.jit.core.internal.rules.Readiness;

import dev.jit.core.internal.rules.Transitions;
import dev.jit.core.model.Outcome;
import dev.jit.core.model.StateChange;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.events.DependencyAdded;
import dev.jit.core.events.DependencyRemoved;
import dev.jit.core.events.EventHeader;
import dev.jit.core.events.IssueAssigned;
import dev.jit.core.events.IssueCreated;
import dev.jit.core.events.IssueDeleted;
import dev.jit.core.events.IssueRejected;
import dev.jit.core.events.IssueUnassigned;
import dev.jit.core.events.IssueUpdated;
import dev.jit.core.graph.DependencyGraph;
import dev.jit.core.model.ControlChars;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Names;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.core.query.IssueFilter;
import dev.jit.core.internal.store.IssueIds;
import dev.jit.core.internal.store.Store;
import dev.jit.core.internal.store.StoreConfig;
import dev.jit.core.internal.store.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Issue lifecycle: create, edit, assign, claim, release, reject, delete, break down. Writes go through
 * {@link Store#begin} rather than {@code write(tx -> …)}, and the common ones link no lambda or stream:
 * see {@link Store#openView()}.
 */
public final class Issues {
    private final Store store;

    Issues(Store store) {
        this.store = store;
    }

    /**
     * Fields of a new issue. {@code dependencies} (ids or unique prefixes) are added in the same commit as the
     * creation, as {@code dep add} would add them one by one: no other process ever sees the issue ready
     * without them.
     */
    public record NewIssue(String title, String description, Priority priority, List<String> gates,
                           List<String> labels, Map<String, String> context, List<String> dependencies) {
        public NewIssue {
            description = description == null ? "" : description;
            priority = priority == null ? Priority.NORMAL : priority;
            gates = gates == null ? List.of() : List.copyOf(gates);
            labels = labels == null ? List.of() : List.copyOf(labels);
            context = context == null ? Map.of() : Map.copyOf(context);
            dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        }

        /** A new issue without dependencies. */
        public NewIssue(String title, String description, Priority priority, List<String> gates,
                        List<String> labels, Map<String, String> context) {
            this(title, description, priority, gates, labels, context, List.of());
        }
    }

    /**
     * An edit; null fields and empty lists leave the issue unchanged. {@code assignee} assigns (as
     * {@link #assign}), {@code unassign} clears the assignee (as {@link #unassign}); {@code addGates} and
     * {@code removeGates} change the required gates (removing the last unpassed gate of a gated issue
     * completes it).
     */
    public record Edit(String title, String description, Priority priority, State state,
                       List<String> addLabels, List<String> removeLabels,
                       Map<String, String> setContext, List<String> unsetContext,
                       String assignee, boolean unassign, List<String> addGates, List<String> removeGates) {
        public Edit {
            addLabels = addLabels == null ? List.of() : List.copyOf(addLabels);
            removeLabels = removeLabels == null ? List.of() : List.copyOf(removeLabels);
            setContext = setContext == null ? Map.of() : Map.copyOf(setContext);
            unsetContext = unsetContext == null ? List.of() : List.copyOf(unsetContext);
            addGates = addGates == null ? List.of() : List.copyOf(addGates);
            removeGates = removeGates == null ? List.of() : List.copyOf(removeGates);
        }

        /** An edit of fields, labels, context and state only. */
        public Edit(String title, String description, Priority priority, State state, List<String> addLabels,
                    List<String> removeLabels, Map<String, String> setContext, List<String> unsetContext) {
            this(title, description, priority, state, addLabels, removeLabels, setContext, unsetContext, null, false,
                    null, null);
        }

        public boolean isEmpty() {
            return title == null && description == null && priority == null && state == null && addLabels.isEmpty()
                    && removeLabels.isEmpty() && setContext.isEmpty() && unsetContext.isEmpty() && assignee == null
                    && !unassign && addGates.isEmpty() && removeGates.isEmpty();
        }
    }

    /** The full id of the issue {@code idOrPrefix} names (an exact id, or a unique prefix of 4+ characters). */
    public String resolveId(String idOrPrefix) {
        try (Store.OpenView open = store.openView()) {
            return open.view().resolveId(idOrPrefix);
        }
    }

    public Issue create(NewIssue spec) {
        requireTitle(spec.title());
        requireDescription(spec.description());
        for (String label : spec.labels()) {
            requireLabel(label);
        }
        for (String key : spec.context().keySet()) {
            requireContextKey(key);
        }
        try (Store.OpenTransaction open = store.begin("issue create")) {
            Transaction tx = open.transaction();
            Gates.requireDefined(tx, spec.gates());
            String now = Transitions.now();
            Issue issue = Issue.create(IssueIds.newId(), spec.title().strip(), spec.description(), spec.priority(),
                    spec.gates(), spec.labels(), now).withContext(spec.context());
            // Unknown or ambiguous ids refuse the whole command before anything is written. A new issue cannot
            // close a cycle (nothing depends on it yet); a dependency implied by another is dropped, as dep add does.
            Set<String> named = new LinkedHashSet<>();
            for (String dep : spec.dependencies()) {
                named.add(tx.issue(dep).id());
            }
            List<String> dependencies = DependencyGraph.transitivelyReduce(new ArrayList<>(named), tx.lookup());
            issue = issue.withDependencies(dependencies);
            tx.create(issue);
            tx.emit(new IssueCreated(EventHeader.next(issue.id()), issue.title(), issue.priority(), null));
            for (String dep : dependencies) {
                tx.emit(new DependencyAdded(EventHeader.next(issue.id()), dep));
            }
            return open.commit(new Transitions(tx).settle(issue));
        }
    }

    public Outcome update(String idOrPrefix, Edit edit) {
        return update(List.of(idOrPrefix), edit).get(0);
    }

    /** Applies one edit to several issues in one atomic command; fails as a whole if any issue fails. */
    public List<Outcome> update(List<String> idsOrPrefixes, Edit edit) {
        return update(idsOrPrefixes, edit, Gates.Checks.RUN);
    }

    /** As {@link #update(List, Edit)}; a state change first runs the checkers it calls for (see {@link Gates.Checks}). */
    public List<Outcome> update(List<String> idsOrPrefixes, Edit edit, Gates.Checks checks) {
        validateEdit(edit);
        Gates.beforeTransition(store, idsOrPrefixes, edit.state(), checks);
        try (Store.OpenTransaction open = store.begin("issue update")) {
            Transaction tx = open.transaction();
            List<Outcome> out = new ArrayList<>();
            for (String id : resolveAll(tx, idsOrPrefixes)) {
                out.add(applyEdit(tx, touch(tx, id), edit));
            }
            return open.commit(out);
        }
    }

    /** Applies an edit to every issue matching {@code filter}; returns one outcome per changed issue. */
    public List<Outcome> updateMatching(IssueFilter filter, Edit edit) {
        return updateMatching(filter, edit, Gates.Checks.RUN);
    }

    /** As {@link #updateMatching(IssueFilter, Edit)}, running the checkers a state change calls for. */
    public List<Outcome> updateMatching(IssueFilter filter, Edit edit, Gates.Checks checks) {
        validateEdit(edit);
        Gates.beforeTransition(store, filter, edit.state(), checks);
        try (Store.OpenTransaction open = store.begin("issue update")) {
            Transaction tx = open.transaction();
            List<Outcome> out = new ArrayList<>();
            DependencyGraph graph = new DependencyGraph(tx.issues());
            for (Issue issue : tx.issues()) {
                if (filter.test(issue, filter.needsBlocked() && graph.isBlocked(issue))) {
                    out.add(applyEdit(tx, touch(tx, issue.id()), edit));
                }
            }
            return open.commit(out);
        }
    }

    private static void validateEdit(Edit edit) {
        if (edit.isEmpty()) {
            throw JitException.invalidArgument("Nothing to update",
                    "Give at least one of --title, --description, --priority, --state, --label, --remove-label, "
                            + "--context, --unset-context, --assignee, --unassign, --add-gate, --remove-gate");
        }
        if (edit.title() != null) {
            requireTitle(edit.title());
        }
        if (edit.description() != null) {
            requireDescription(edit.description());
        }
        for (String label : edit.addLabels()) {
            requireLabel(label);
        }
        for (String key : edit.setContext().keySet()) {
            requireContextKey(key);
        }
        if (edit.assignee() != null) {
            requireAssignee(edit.assignee());
            if (edit.unassign()) {
                throw JitException.invalidArgument("--assignee and --unassign contradict each other");
            }
        }
    }

    /** Applies {@code edit} to {@code issue} inside {@code tx} (validated by the caller), with its events. */
    static Outcome applyEdit(Transaction tx, Issue issue, Edit edit) {
        Transitions transitions = new Transitions(tx);
        Issue next = issue;
        Map<String, Object[]> changed = new LinkedHashMap<>();
        if (edit.title() != null && !edit.title().strip().equals(issue.title())) {
            changed.put("title", new Object[]{issue.title(), edit.title().strip()});
            next = next.withTitle(edit.title().strip());
        }
        if (edit.description() != null && !edit.description().equals(issue.description())) {
            changed.put("description", new Object[]{issue.description(), edit.description()});
            next = next.withDescription(edit.description());
        }
        if (edit.priority() != null && edit.priority() != issue.priority()) {
            changed.put("priority", new Object[]{issue.priority().wire(), edit.priority().wire()});
            next = next.withPriority(edit.priority());
        }
        if (!edit.addLabels().isEmpty() || !edit.removeLabels().isEmpty()) {
            Set<String> labels = new LinkedHashSet<>(issue.labels());
            labels.removeAll(edit.removeLabels());
            labels.addAll(edit.addLabels());
            if (!List.copyOf(labels).equals(issue.labels())) {
                changed.put("labels", new Object[]{issue.labels(), List.copyOf(labels)});
                next = next.withLabels(List.copyOf(labels));
            }
        }
        if (!edit.setContext().isEmpty() || !edit.unsetContext().isEmpty()) {
            Map<String, String> ctx = new TreeMap<>(issue.context());
            ctx.keySet().removeAll(edit.unsetContext());
            ctx.putAll(edit.setContext());
            if (!ctx.equals(issue.context())) {
                changed.put("context", new Object[]{issue.context(), ctx});
                next = next.withContext(ctx);
            }
        }
        if (!edit.addGates().isEmpty() || !edit.removeGates().isEmpty()) {
            Gates.requireDefined(tx, edit.addGates());
            Set<String> gates = new LinkedHashSet<>(issue.gatesRequired());
            gates.removeAll(edit.removeGates());
            List<String> added = new ArrayList<>();
            for (String key : edit.addGates()) {
                if (gates.add(key)) {
                    added.add(key);
                }
            }
            if (!List.copyOf(gates).equals(issue.gatesRequired())) {
                changed.put("gates_required", new Object[]{issue.gatesRequired(), List.copyOf(gates)});
                next = next.withGatesRequired(List.copyOf(gates));
                for (String key : added) {
                    tx.emit(new dev.jit.core.events.GateAdded(EventHeader.next(issue.id()), key));
                }
            }
        }
        if (edit.assignee() != null && !edit.assignee().equals(issue.assignee())) {
            next = next.withAssignee(edit.assignee());
            tx.emit(new IssueAssigned(EventHeader.next(issue.id()), edit.assignee(), issue.assignee()));
        } else if (edit.unassign() && issue.assignee() != null) {
            next = next.withAssignee(null);
            tx.emit(new IssueUnassigned(EventHeader.next(issue.id()), issue.assignee()));
        }
        if (!changed.isEmpty() || !java.util.Objects.equals(next.assignee(), issue.assignee())) {
            next = next.withUpdatedAt(Transitions.now());
            tx.put(next);
            Map<String, IssueUpdated.FieldChange> changes = new LinkedHashMap<>();
            for (Map.Entry<String, Object[]> change : changed.entrySet()) {
                changes.put(change.getKey(), new IssueUpdated.FieldChange(
                        dev.jit.core.json.Json.toTree(change.getValue()[0]),
                        dev.jit.core.json.Json.toTree(change.getValue()[1])));
            }
            if (!changes.isEmpty()) {
                tx.emit(new IssueUpdated(EventHeader.next(issue.id()), changes));
            }
        }
        if (edit.state() != null) {
            next = changeState(tx, transitions, next, edit.state());
        } else if (next.state() == State.GATED && !next.hasUnpassedGates()) {
            // its last unpassed gate was removed: it completes, as when that gate passes
            next = transitions.setState(next, State.DONE);
        }
        return new Outcome(next, transitions.changes());
    }

    /** The rules of {@code update --state}. */
    private static Issue changeState(Transaction tx, Transitions transitions, Issue issue, State target) {
        boolean blocked = DependencyGraph.isBlocked(issue, tx.lookup());
        switch (target) {
            case READY, IN_PROGRESS -> {
                if (blocked) {
                    throw Claims.blockedTransition(tx, issue, target);
                }
                return transitions.setState(issue, target);
            }
            case DONE, GATED -> {
                if (blocked) {
                    throw Claims.blockedTransition(tx, issue, target);
                }
                return transitions.setState(issue, issue.hasUnpassedGates() ? State.GATED : State.DONE);
            }
            default -> {
                return transitions.setState(issue, target);
            }
        }
    }

    public Outcome assign(String idOrPrefix, String assignee) {
        requireAssignee(assignee);
        try (Store.OpenTransaction open = store.begin("issue assign")) {
            Transaction tx = open.transaction();
            Issue issue = touch(tx, idOrPrefix);
            if (assignee.equals(issue.assignee())) {
                return open.commit(new Outcome(issue, List.of()));
            }
            Issue next = issue.withAssignee(assignee).withUpdatedAt(Transitions.now());
            tx.put(next);
            tx.emit(new IssueAssigned(EventHeader.next(issue.id()), assignee, issue.assignee()));
            return open.commit(new Outcome(next, List.of()));
        }
    }

    public Outcome unassign(String idOrPrefix) {
        try (Store.OpenTransaction open = store.begin("issue unassign")) {
            Transaction tx = open.transaction();
            Issue issue = touch(tx, idOrPrefix);
            if (issue.assignee() == null) {
                return open.commit(new Outcome(issue, List.of()));
            }
            Issue next = issue.withAssignee(null).withUpdatedAt(Transitions.now());
            tx.put(next);
            tx.emit(new IssueUnassigned(EventHeader.next(issue.id()), issue.assignee()));
            return open.commit(new Outcome(next, List.of()));
        }
    }

    /** Takes an unassigned, unblocked, open issue for {@code assignee}; ready/backlog becomes in_progress. */
    public Outcome claim(String idOrPrefix, String assignee) {
        return claim(idOrPrefix, assignee, null, Gates.Checks.RUN);
    }

    /**
     * {@link #claim(String, String)} with a lease: the claim lapses {@code ttl} after the last heartbeat.
     *
     * @param ttl null for the store's {@code default_ttl_secs} (none for {@code human:} assignees), zero for none
     */
    public Outcome claim(String idOrPrefix, String assignee, Duration ttl) {
        return claim(idOrPrefix, assignee, ttl, Gates.Checks.RUN);
    }

    /**
     * {@link #claim(String, String, Duration)}; the issue's prechecks run first (unless {@code checks} defers them),
     * and a failing one refuses the claim.
     */
    public Outcome claim(String idOrPrefix, String assignee, Duration ttl, Gates.Checks checks) {
        requireAssignee(assignee);
        requireTtlIfGiven(ttl);
        Gates.beforeTransition(store, List.of(idOrPrefix), State.IN_PROGRESS, checks);
        try (Store.OpenTransaction open = store.begin("issue claim")) {
            Transaction tx = open.transaction();
            return open.commit(Claims.claim(tx, tx.issue(idOrPrefix), assignee, ttl));
        }
    }

    /** The store's {@code [coordination] default_ttl_secs}, or null when it sets none. */
    public Duration defaultLeaseTtl() {
        return StoreConfig.defaultLeaseTtl(store.paths());
    }

    /** Claims the most urgent ready issue (ties: oldest first) that matches {@code filter}. */
    public Outcome claimNext(String assignee, IssueFilter filter) {
        return claimNext(assignee, filter, null);
    }

    /** {@link #claimNext(String, IssueFilter)} with a lease (see {@link #claim(String, String, Duration)}). */
    public Outcome claimNext(String assignee, IssueFilter filter, Duration ttl) {
        requireAssignee(assignee);
        requireTtlIfGiven(ttl);
        // The most urgent candidate whose prechecks have not passed has them run outside the lock (they may take
        // minutes), then the choice is made again; one whose prechecks fail is passed over.
        Refused refused = new Refused(filter.ofUnblocked());
        JitException lastRefusal = null;
        for (int round = 0; round <= MAX_PRECHECKED_CANDIDATES; round++) {
            String candidate;
            try (Store.OpenTransaction open = store.begin("issue claim-next")) {
                Transaction tx = open.transaction();
                Leases.expireAllDue(tx, Instant.now());
                Issue best = Readiness.next(tx.issues(), refused);
                if (best == null) {
                    open.commit();
                    if (lastRefusal != null) {
                        throw lastRefusal;
                    }
                    throw new JitException(ErrorCode.NO_READY_ISSUES, "No ready issues available",
                            Map.of(), List.of("Run 'jit query ready' to see ready work",
                            "Run 'jit query blocked' to see what blocks the rest"));
                }
                if (best.gatesRequired().isEmpty() || !Gates.awaitsPrecheck(tx.registry(), best)) {
                    return open.commit(Claims.claim(tx, best, assignee, ttl));
                }
                candidate = best.id();
                open.commit();
            }
            try {
                Gates.beforeTransition(store, List.of(candidate), State.IN_PROGRESS, Gates.Checks.RUN);
            } catch (JitException e) {
                if (e.code() != ErrorCode.GATE_FAILED) {
                    throw e;
                }
                refused.ids.add(candidate);
                lastRefusal = e;
            }
        }
        throw lastRefusal;
    }

    /** How many candidates claim-next runs prechecks for before it gives up with the last refusal. */
    private static final int MAX_PRECHECKED_CANDIDATES = 20;

    /** Ready issues but those whose prechecks failed in this claim-next (a class: no lambda, see Store#openView). */
    private static final class Refused implements java.util.function.Predicate<Issue> {
        private final java.util.function.Predicate<Issue> accept;
        private final Set<String> ids = new java.util.HashSet<>();

        Refused(java.util.function.Predicate<Issue> accept) {
            this.accept = accept;
        }

        @Override
        public boolean test(Issue issue) {
            return !ids.contains(issue.id()) && accept.test(issue);
        }
    }

    /**
     * Renews the lease {@code who} holds on an issue: it then runs out one TTL from now. A claim without a lease
     * is left as it is. Refused (NOT_HOLDER) for anyone but the assignee, and (LEASE_EXPIRED) once the lease ran
     * out: the issue is then freed by this very call, and whoever claims it next has it.
     */
    public Issue heartbeat(String idOrPrefix, String who) {
        requireAssignee(who);
        JitException refusal;
        try (Store.OpenTransaction open = store.begin("issue heartbeat")) {
            Transaction tx = open.transaction();
            Instant now = Instant.now();
            Issue issue = tx.issue(idOrPrefix);
            refusal = Leases.heartbeatRefusal(issue, who, now);
            if (refusal == null) {
                return open.commit(Leases.heartbeat(tx, issue, who, now));
            }
            Leases.expireIfDue(tx, issue, now);
            open.commit();
        }
        throw refusal;
    }

    /** Frees every claim whose lease has run out; what jit-server and jit-dispatch run when one falls due. */
    public List<Outcome> expireLeases() {
        try (Store.OpenTransaction open = store.begin("lease expiry")) {
            return open.commit(Leases.expireAllDue(open.transaction(), Instant.now()));
        }
    }

    /** Frees an issue; in_progress returns to ready if unblocked, else backlog. */
    public Outcome release(String idOrPrefix, String reason) {
        if (reason == null || reason.isBlank()) {
            throw JitException.invalidArgument("A release needs a reason", "e.g. jit issue release <id> \"timeout\"");
        }
        try (Store.OpenTransaction open = store.begin("issue release")) {
            Transaction tx = open.transaction();
            return open.commit(Claims.release(tx, touch(tx, idOrPrefix), reason));
        }
    }

    /** Closes an issue without doing it: bypasses gates and releases dependents like done does. */
    public Outcome reject(String idOrPrefix, String reason) {
        try (Store.OpenTransaction open = store.begin("issue reject")) {
            Transaction tx = open.transaction();
            Issue issue = touch(tx, idOrPrefix);
            if (issue.state() == State.REJECTED) {
                return open.commit(new Outcome(issue, List.of()));
            }
            Transitions transitions = new Transitions(tx);
            tx.emit(new IssueRejected(EventHeader.next(issue.id()), reason == null ? "" : reason));
            return open.commit(new Outcome(transitions.setState(issue, State.REJECTED), transitions.changes()));
        }
    }

    /** Result of deleting issues: which were deleted and which dependents lost an edge. */
    public record Deletion(List<String> deleted, List<String> detachedDependents, List<StateChange> stateChanges) {
    }

    /**
     * Deletes issues. Issues that depend on them block the deletion unless {@code force}, which also
     * removes the edges from those dependents (which then may become ready).
     */
    public Deletion delete(List<String> idsOrPrefixes, boolean force) {
        try (Store.OpenTransaction open = store.begin("issue delete")) {
            Transaction tx = open.transaction();
            List<String> ids = resolveAll(tx, idsOrPrefixes);
            Set<String> doomed = new LinkedHashSet<>(ids);
            Transitions transitions = new Transitions(tx);
            Map<String, List<String>> dependents = new TreeMap<>();
            for (String id : ids) {
                for (Issue d : transitions.dependentsOf(id)) {
                    if (!doomed.contains(d.id())) {
                        dependents.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(id);
                    }
                }
            }
            if (!dependents.isEmpty() && !force) {
                throw new JitException(ErrorCode.HAS_DEPENDENTS,
                        "Cannot delete: other issues depend on it: " + String.join(", ", dependents.keySet()),
                        Map.of("dependents", dependents),
                        List.of("Remove those dependencies first with 'jit dep rm <dependent> <id>'",
                                "Or pass --force to delete and detach the dependents"));
            }
            for (String id : ids) {
                Issue issue = tx.issue(id);
                tx.delete(id);
                tx.emit(new IssueDeleted(EventHeader.next(id), issue.title()));
            }
            for (Map.Entry<String, List<String>> d : dependents.entrySet()) {
                Issue dep = tx.issue(d.getKey());
                List<String> remaining = new ArrayList<>(dep.dependencies());
                remaining.removeAll(d.getValue());
                Issue next = dep.withDependencies(remaining).withUpdatedAt(Transitions.now());
                tx.put(next);
                for (String removed : d.getValue()) {
                    tx.emit(new DependencyRemoved(EventHeader.next(dep.id()), removed));
                }
                transitions.settle(next);
            }
            return open.commit(new Deletion(ids, List.copyOf(dependents.keySet()), transitions.changes()));
        }
    }

    /** A subtask of a breakdown. */
    public record Subtask(String title, String description) {
    }

    /** Result of a breakdown: the new subtasks and the parent's new version. */
    public record Breakdown(Issue parent, List<Issue> subtasks, List<StateChange> stateChanges) {
    }

    /**
     * Splits {@code parent} into subtasks in one atomic command: each subtask inherits the parent's
     * dependencies, priority and labels; the parent then depends on the subtasks (and no longer directly
     * on its old dependencies, which the subtasks now carry).
     */
    public Breakdown breakdown(String parentIdOrPrefix, List<Subtask> subtasks) {
        if (subtasks.isEmpty()) {
            throw JitException.invalidArgument("A breakdown needs at least one --subtask");
        }
        for (Subtask s : subtasks) {
            requireTitle(s.title());
            requireDescription(s.description());
        }
        try (Store.OpenTransaction open = store.begin("issue breakdown")) {
            Transaction tx = open.transaction();
            Issue parent = tx.issue(parentIdOrPrefix);
            Transitions transitions = new Transitions(tx);
            String now = Transitions.now();
            List<Issue> created = new ArrayList<>();
            for (Subtask s : subtasks) {
                Issue child = Issue.create(IssueIds.newId(), s.title().strip(), s.description(), parent.priority(),
                        List.of(), parent.labels(), now).withDependencies(parent.dependencies());
                tx.create(child);
                tx.emit(new IssueCreated(EventHeader.next(child.id()), child.title(), child.priority(), parent.id()));
                for (String dep : child.dependencies()) {
                    tx.emit(new DependencyAdded(EventHeader.next(child.id()), dep));
                }
                created.add(transitions.settle(child));
            }
            List<String> newDeps = created.stream().map(Issue::id).toList();
            for (String old : parent.dependencies()) {
                tx.emit(new DependencyRemoved(EventHeader.next(parent.id()), old));
            }
            for (String id : newDeps) {
                tx.emit(new DependencyAdded(EventHeader.next(parent.id()), id));
            }
            Issue next = parent.withDependencies(newDeps).withUpdatedAt(now);
            tx.put(next);
            next = transitions.settle(next);
            return open.commit(new Breakdown(next, created.stream().map(c -> tx.issue(c.id())).toList(), transitions.changes()));
        }
    }

    /** The issue a write is about, with its claim freed first if the claim's lease has run out. */
    static Issue touch(Transaction tx, String idOrPrefix) {
        return Leases.expireIfDue(tx, tx.issue(idOrPrefix), Instant.now());
    }

    private static void requireTtlIfGiven(Duration ttl) {
        if (ttl != null && !ttl.isZero()) {
            Leases.requireTtl(ttl);
        }
    }

    static List<String> resolveAll(Transaction tx, List<String> idsOrPrefixes) {
        if (idsOrPrefixes.isEmpty()) {
            throw JitException.invalidArgument("No issue id given");
        }
        List<String> ids = new ArrayList<>();
        for (String raw : idsOrPrefixes) {
            String id = tx.resolveId(raw);
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    static void requireTitle(String title) {
        if (title == null || title.isBlank()) {
            throw JitException.invalidArgument("Title must not be empty", "Pass --title \"What needs doing\"");
        }
        if (title.length() > 500) {
            throw JitException.invalidArgument("Title is " + title.length() + " characters; the limit is 500",
                    "Put the details in --description");
        }
        requireNoControl("Title", title, false);
    }

    /** Descriptions are multi-line: tab, newline and carriage return are layout, every other control is refused. */
    static void requireDescription(String description) {
        if (description != null) {
            requireNoControl("Description", description, true);
        }
    }

    /**
     * Refuses text holding a control character (see {@link ControlChars}): stored, it would reach terminals as
     * an escape sequence. The error names the field and shows the character as an escape.
     */
    static void requireNoControl(String field, String text, boolean multiLine) {
        int at = ControlChars.firstControl(text, multiLine);
        if (at >= 0) {
            throw new JitException(ErrorCode.INVALID_ARGUMENT, field + " contains the control character "
                    + ControlChars.escape(text.charAt(at)) + " at position " + (at + 1) + "; control characters "
                    + "are not allowed" + (multiLine ? " (tab and newline are)" : ""),
                    Map.of("field", field.toLowerCase(java.util.Locale.ROOT), "position", at + 1,
                            "character", ControlChars.escape(text.charAt(at))),
                    List.of("Remove the character (it would act as a terminal control sequence when shown)"));
        }
    }

    static void requireLabel(String label) {
        if (label != null) {
            requireNoControl("Label", label, false);
        }
        if (label == null || !Names.isLabel(label)) {
            throw JitException.invalidArgument("Invalid label '" + label + "': labels are namespace:value",
                    "e.g. --label type:task --label epic:auth");
        }
    }

    private static void requireContextKey(String key) {
        if (!Names.isNameChars(key)) {
            throw JitException.invalidArgument("Invalid context key '" + key + "'",
                    "Keys use letters, digits, '_', '.', '-': --context key=value");
        }
    }

    static void requireAssignee(String assignee) {
        if (assignee == null || assignee.isBlank() || hasWhitespace(assignee)) {
            throw JitException.invalidArgument("Invalid assignee '" + assignee + "'",
                    "Use type:identifier without spaces, e.g. agent:worker-1 or human:alice");
        }
    }

    private static boolean hasWhitespace(String text) {
        for (int k = 0; k < text.length(); k++) {
            if (Character.isWhitespace(text.charAt(k))) {
                return true;
            }
        }
        return false;
    }


}
