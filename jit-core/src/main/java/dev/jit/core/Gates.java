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
import dev.jit.core.graph.DependencyGraph;
import dev.jit.core.internal.RandomUuids;
import dev.jit.core.internal.docs.Git;
import dev.jit.core.internal.gates.CheckerProcess;
import dev.jit.core.internal.store.GateRunFiles;
import dev.jit.core.internal.store.Store;
import dev.jit.core.internal.store.StoreView;
import dev.jit.core.internal.store.Transaction;
import dev.jit.core.model.GateChecker;
import dev.jit.core.model.GateRun;
import dev.jit.core.model.GateStage;
import dev.jit.core.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quality gates: the registry of definitions, each issue's required gates and their results, and the checkers
 * that decide them. A checker runs holding no lock (it may take minutes, and other commands go on meanwhile);
 * its result is then committed in a short transaction that re-reads the issue: the run record is always kept,
 * the gate's status changes only while the issue still requires the gate and is not closed.
 */
public final class Gates {
    /** Who a checker's verdict is recorded as, on the gate's status and its event (the reference's value). */
    public static final String CHECKER_ACTOR = "auto:executor";
    /** How many lines of a failing run's output its error message quotes. */
    private static final int ERROR_TAIL_LINES = 20;

    private final Store store;

    Gates(Store store) {
        this.store = store;
    }

    /**
     * A new gate definition. With a {@code checker} the gate is an {@code auto} gate of {@code stage} (postcheck
     * when null) and is written in the reference tool's full shape.
     */
    public record Definition(String key, String title, String description, boolean auto, String example,
                             GateStage stage, GateChecker checker) {
    }

    /** Receives a line of progress per checker: before it starts and when it is done. */
    public interface Progress {
        Progress NONE = new Progress() {
            @Override
            public void starting(String gateKey, int index, int count) {
            }

            @Override
            public void finished(GateRun run, int index, int count) {
            }
        };

        /** {@code index} counts from 1 up to {@code count}. */
        void starting(String gateKey, int index, int count);

        void finished(GateRun run, int index, int count);
    }

    /** Whether a state change runs the checkers it calls for ({@code --no-check} defers them), and who hears of it. */
    public record Checks(boolean run, Progress progress) {
        public static final Checks RUN = new Checks(true, Progress.NONE);
        public static final Checks DEFERRED = new Checks(false, Progress.NONE);
    }

    /** What {@link #check} did: the issue as it is now, the runs (in the order they ran) and the state changes. */
    public record Check(Issue issue, List<GateRun> runs, List<StateChange> stateChanges) {
        public boolean passed() {
            return runs.stream().allMatch(GateRun::passed);
        }
    }

    /** Defines a gate passed by attestation (no checker). */
    public Gate define(String key, String title, String description, boolean auto, String example) {
        return define(new Definition(key, title, description, auto, example, null, null));
    }

    public Gate define(Definition d) {
        String key = d.key();
        if (!Names.isName(key)) {
            throw JitException.invalidArgument("Invalid gate key '" + key + "'",
                    "Keys use letters, digits, '_', '.', '-', e.g. code-review");
        }
        if (d.title() == null || d.title().isBlank()) {
            throw JitException.invalidArgument("A gate needs a --title");
        }
        if (d.checker() != null) {
            requireUsable(d.checker());
        }
        try (Store.OpenTransaction open = store.begin("registry add")) {
            Transaction tx = open.transaction();
            if (tx.registry().gates().containsKey(key)) {
                throw new JitException(ErrorCode.ALREADY_EXISTS, "Gate '" + key + "' already exists",
                        Map.of("gate_key", key), List.of("Run 'jit registry show " + key + "' to see it"));
            }
            String description = d.description() == null ? "" : d.description();
            Gate gate;
            if (d.checker() == null && d.stage() == null) {
                gate = new Gate(key, d.title(), description, d.auto(), d.example(), Map.of());
            } else {
                // The reference tool's full shape, so that it loads the registry as it is.
                Map<String, com.fasterxml.jackson.databind.JsonNode> extra = new LinkedHashMap<>();
                extra.put("version", Json.toTree(1));
                extra.put("priority", Json.toTree(Gate.DEFAULT_PRIORITY));
                extra.put("reserved", Json.object());
                boolean auto = d.checker() != null;
                gate = new Gate(key, d.title(), description, d.stage() == null ? GateStage.POSTCHECK : d.stage(),
                        auto ? "auto" : "manual", d.checker(), auto, d.example(), extra);
            }
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

    /** Records a gate result by attestation (no reason); see {@link #record(String, String, GateStatus, String, String)}. */
    public Outcome record(String idOrPrefix, String key, GateStatus status, String by) {
        return record(idOrPrefix, key, status, by, null);
    }

    /**
     * Records a gate result by attestation; passing the last pending gate of a gated issue completes it. A gate
     * with a checker is passed by running it ({@link #check}): only a {@code human:} (by {@code by}, else the
     * actor; never when the actor is an {@code agent:}) may pass it without, and must give a {@code reason},
     * which its {@code gate_passed} event records.
     */
    public Outcome record(String idOrPrefix, String key, GateStatus status, String by, String reason) {
        String reasonText = reason == null || reason.isBlank() ? null : reason.strip();
        if (reasonText != null) {
            Issues.requireNoControl("Reason", reasonText, false);
        }
        try (Store.OpenTransaction open = store.begin("gate " + (status == GateStatus.PASSED ? "pass" : "fail"))) {
            Transaction tx = open.transaction();
            Issue issue = Issues.touch(tx, idOrPrefix);
            if (!issue.gatesRequired().contains(key)) {
                throw new JitException(ErrorCode.GATE_ERROR,
                        "Gate '" + key + "' is not required for issue " + issue.id(),
                        Map.of("issue_id", issue.id(), "gate_key", key, "required", issue.gatesRequired()),
                        List.of("Add it first with 'jit gate add " + issue.id() + " " + key + "'"));
            }
            Gate gate = tx.registry().gates().get(key);
            String who = by != null && !by.isBlank() ? by : tx.actor();
            boolean override = status == GateStatus.PASSED && gate != null && gate.checker() != null;
            if (override) {
                // An agent's process cannot claim to be a human with --by.
                String actor = tx.actor();
                requireHumanOverride(issue, key, actor != null && actor.startsWith("agent:") ? actor : who, reasonText);
            }
            String recorded = override ? who : by; // an override always names the human who made it
            Issue next = issue.withGateState(key, new GateState(status, recorded, Transitions.now()))
                    .withUpdatedAt(Transitions.now());
            tx.put(next);
            EventHeader header = EventHeader.next(issue.id());
            tx.emit(status == GateStatus.PASSED
                    ? new GatePassed(header, key, recorded, null, override ? reasonText : null)
                    : new GateFailed(header, key, recorded));
            Transitions transitions = new Transitions(tx);
            next = completeIfGatesPassed(transitions, next);
            return open.commit(new Outcome(next, transitions.changes()));
        }
    }

    private static void requireHumanOverride(Issue issue, String key, String who, String reason) {
        String check = "jit gate check " + issue.id() + " " + key;
        if (who == null || !who.startsWith("human:")) {
            throw new JitException(ErrorCode.CHECKER_REQUIRED, "Gate '" + key + "' has a checker: " + who
                    + " cannot pass it by saying so; run '" + check + "'",
                    Map.of("issue_id", issue.id(), "gate_key", key, "by", String.valueOf(who)),
                    List.of("Run '" + check + "' to run its checker", "A human may override: jit gate pass "
                            + issue.id() + " " + key + " --by human:<name> --reason \"…\""));
        }
        if (reason == null) {
            throw new JitException(ErrorCode.CHECKER_REQUIRED, "Gate '" + key + "' has a checker: passing it "
                    + "without running it needs --reason", Map.of("issue_id", issue.id(), "gate_key", key, "by", who),
                    List.of("Give --reason \"why the checker's verdict does not apply\"", "Or run '" + check + "'"));
        }
    }

    /**
     * Runs the checkers of {@code keys} on the issue (none given: every gate it requires that has a checker),
     * ordered by priority, then the order the issue lists them; records a run for each and passes or fails the
     * gate from it. Refuses before running anything if a named gate is not required or has no checker.
     */
    /**
     * Runs the prechecks of an issue whose work is about to start, outside the lock, as a claim would (what a
     * coordinator does before it claims). GATE_FAILED with the failing run's tail if one fails.
     */
    public void precheck(String idOrPrefix) {
        beforeTransition(store, List.of(idOrPrefix), State.IN_PROGRESS, Checks.RUN);
    }

    public Check check(String idOrPrefix, List<String> keys, Progress progress) {
        Plan plan = store.read(view -> {
            Issue issue = view.issue(idOrPrefix);
            GateRegistry registry = view.registry();
            List<Gate> gates = new ArrayList<>();
            if (keys.isEmpty()) {
                for (String key : issue.gatesRequired()) {
                    Gate gate = registry.gates().get(key);
                    if (gate != null && gate.checker() != null) {
                        gates.add(gate);
                    }
                }
            } else {
                requireDefined(view, keys);
                for (String key : keys) {
                    Gate gate = registry.gates().get(key);
                    if (!issue.gatesRequired().contains(key)) {
                        throw new JitException(ErrorCode.GATE_ERROR, "Gate '" + key + "' is not required for issue "
                                + issue.id(), Map.of("issue_id", issue.id(), "gate_key", key),
                                List.of("Add it first with 'jit gate add " + issue.id() + " " + key + "'"));
                    }
                    if (gate.checker() == null) {
                        throw new JitException(ErrorCode.GATE_ERROR, "Gate '" + key + "' has no checker; record its "
                                + "result with 'jit gate pass|fail'", Map.of("gate_key", key),
                                List.of("Define one with 'jit registry add " + key + " --checker -- <program> <args>'"));
                    }
                    if (!gates.contains(gate)) {
                        gates.add(gate);
                    }
                }
            }
            return new Plan(issue, ordered(issue, gates));
        });
        if (plan.gates().isEmpty()) {
            return new Check(plan.issue(), List.of(), List.of());
        }
        List<GateRun> runs = runAll(store, plan, progress);
        try (Store.OpenTransaction open = store.begin("gate check")) {
            Transitions transitions = new Transitions(open.transaction());
            Issue now = apply(open.transaction(), transitions, plan.issue().id(), runs, false);
            // Deleted while its checkers ran: the records are kept, the issue is shown as it was.
            return open.commit(new Check(now == null ? plan.issue() : now, runs, transitions.changes()));
        }
    }

    /** The gate runs of the issue, newest first, optionally of one gate only; {@code limit <= 0}: all of them. */
    public List<GateRun> runs(String idOrPrefix, String gateKey, int limit) {
        String id = store.read(view -> view.resolveId(idOrPrefix));
        List<GateRun> all = GateRunFiles.readAll(store.paths(), damage -> store.options().warnings().accept(
                damage.message() + "; skipped (run 'jit validate')"));
        List<GateRun> out = new ArrayList<>();
        for (GateRun run : all) {
            if (run.issueId().equals(id) && (gateKey == null || run.gateKey().equals(gateKey))) {
                out.add(run);
            }
        }
        out.sort(Comparator.comparing((GateRun r) -> r.startedAt() == null ? "" : r.startedAt()).reversed()
                .thenComparing(GateRun::runId));
        return limit > 0 && out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    /**
     * Before the state change to {@code target} of {@code idsOrPrefixes} (called by {@link Issues}, holding no lock):
     * runs the checkers it calls for: postchecks when work is reported done or gated, prechecks when work starts
     * ({@code in_progress}, a claim). Each issue's gates of that stage that have a checker and have not passed
     * run; an issue the change would refuse anyway (blocked, closed, already there) runs none. If every run
     * passes, the caller's change goes on. Else the results are committed, an issue whose postcheck failed is
     * left gated, and GATE_FAILED quotes the failing run's output: the caller's change does not happen.
     */
    static void beforeTransition(Store store, List<String> idsOrPrefixes, State target, Checks checks) {
        GateStage stage = stageFor(target);
        if (stage == null || !checks.run() || idsOrPrefixes.isEmpty()) {
            return;
        }
        // No lambda here: update and claim run this on every call (see Store#openView()).
        List<Plan> plans = new ArrayList<>();
        try (Store.OpenView open = store.openView()) {
            StoreView view = open.view();
            if (!hasChecker(view.registry(), stage)) {
                return;
            }
            for (String raw : idsOrPrefixes) {
                Issue issue = view.issue(raw);
                if (issue.state().isClosed() || issue.state() == State.ARCHIVED || issue.state() == target
                        || stage == GateStage.PRECHECK && issue.state() == State.GATED
                        || DependencyGraph.isBlocked(issue, view.lookup())) {
                    continue;
                }
                List<Gate> gates = pendingCheckers(view.registry(), issue, stage);
                if (!gates.isEmpty()) {
                    plans.add(new Plan(issue, ordered(issue, gates)));
                }
            }
        }
        if (plans.isEmpty()) {
            return;
        }
        Map<String, List<GateRun>> results = new LinkedHashMap<>();
        for (Plan plan : plans) {
            results.put(plan.issue().id(), runAll(store, plan, checks.progress()));
        }
        GateRun failed = null;
        for (List<GateRun> runs : results.values()) {
            for (GateRun run : runs) {
                if (failed == null && !run.passed()) {
                    failed = run;
                }
            }
        }
        try (Store.OpenTransaction open = store.begin(stage == GateStage.POSTCHECK ? "postcheck" : "precheck")) {
            Transitions transitions = new Transitions(open.transaction());
            for (Map.Entry<String, List<GateRun>> r : results.entrySet()) {
                apply(open.transaction(), transitions, r.getKey(), r.getValue(),
                        failed != null && stage == GateStage.POSTCHECK);
            }
            open.commit();
        }
        if (failed != null) {
            throw checkFailed(failed, stage);
        }
    }

    /** {@link #beforeTransition(Store, List, State, Checks)} for the issues {@code filter} matches. */
    static void beforeTransition(Store store, dev.jit.core.query.IssueFilter filter, State target, Checks checks) {
        if (stageFor(target) == null || !checks.run()) {
            return;
        }
        List<String> ids = store.read(view -> {
            List<Issue> all = view.issues();
            DependencyGraph graph = new DependencyGraph(all);
            List<String> out = new ArrayList<>();
            for (Issue issue : all) {
                if (filter.test(issue, filter.needsBlocked() && graph.isBlocked(issue))) {
                    out.add(issue.id());
                }
            }
            return out;
        });
        beforeTransition(store, ids, target, checks);
    }

    /** The checkers a move to {@code target} runs: postchecks for done and gated, prechecks for in_progress. */
    private static GateStage stageFor(State target) {
        return target == State.DONE || target == State.GATED ? GateStage.POSTCHECK
                : target == State.IN_PROGRESS ? GateStage.PRECHECK : null;
    }

    /** The gates of {@code issue} with a checker of {@code stage} that have not passed. */
    private static List<Gate> pendingCheckers(GateRegistry registry, Issue issue, GateStage stage) {
        List<Gate> gates = new ArrayList<>();
        for (String key : issue.gatesRequired()) {
            Gate gate = registry.gates().get(key);
            GateState state = issue.gatesStatus().get(key);
            if (gate != null && gate.checker() != null && gate.effectiveStage() == stage
                    && (state == null || state.status() != GateStatus.PASSED)) {
                gates.add(gate);
            }
        }
        return gates;
    }

    /** Whether starting work on {@code issue} would first run prechecks. */
    static boolean awaitsPrecheck(GateRegistry registry, Issue issue) {
        return !pendingCheckers(registry, issue, GateStage.PRECHECK).isEmpty();
    }

    private static boolean hasChecker(GateRegistry registry, GateStage stage) {
        for (Gate gate : registry.gates().values()) {
            if (gate.checker() != null && gate.effectiveStage() == stage) {
                return true;
            }
        }
        return false;
    }

    /** What a run of checkers works from: the issue as read, and its gates to run, in order. */
    private record Plan(Issue issue, List<Gate> gates) {
    }

    private static List<Gate> ordered(Issue issue, List<Gate> gates) {
        List<Gate> out = new ArrayList<>(gates);
        out.sort(Comparator.comparingInt(Gate::priority)
                .thenComparingInt(g -> issue.gatesRequired().indexOf(g.key())));
        return out;
    }

    /** Runs the plan's checkers one after the other, holding no lock. */
    private static List<GateRun> runAll(Store store, Plan plan, Progress progress) {
        Path repoRoot = store.paths().dataDir().getParent();
        Optional<Git> git = Git.find(repoRoot);
        String commit = git.map(g -> g.run(null, "rev-parse", "--verify", "-q", "HEAD"))
                .filter(r -> r.exit() == 0).map(r -> r.text().strip()).orElse(null);
        String branch = git.map(g -> g.run(null, "symbolic-ref", "--short", "-q", "HEAD"))
                .filter(r -> r.exit() == 0).map(r -> r.text().strip()).orElse(null);
        List<GateRun> runs = new ArrayList<>();
        int count = plan.gates().size();
        for (int i = 0; i < count; i++) {
            Gate gate = plan.gates().get(i);
            progress.starting(gate.key(), i + 1, count);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("JIT_ISSUE_ID", plan.issue().id());
            env.put("JIT_GATE_KEY", gate.key());
            env.put("JIT_STAGE", gate.effectiveStage().wire());
            CheckerProcess.Execution ex = CheckerProcess.run(gate.checker(), repoRoot, env);
            GateRun run = new GateRun(1, RandomUuids.next().toString(), gate.key(), gate.effectiveStage().wire(),
                    plan.issue().id(), commit, branch, ex.status(), ex.started(), ex.completed(), ex.durationMs(),
                    ex.exitCode(), ex.stdout(), ex.stderr(), gate.checker().display(), store.options().actor(),
                    ex.message(), Map.of());
            runs.add(run);
            progress.finished(run, i + 1, count);
        }
        return runs;
    }

    /**
     * Commits {@code runs} of the issue {@code issueId}: every record, and each gate's new status while the issue
     * still requires it and is not closed. A gated issue whose gates have now all passed is done; with
     * {@code gateOnFailure}, an open issue with a failed gate is moved to gated.
     */
    private static Issue apply(Transaction tx, Transitions transitions, String issueId, List<GateRun> runs,
                               boolean gateOnFailure) {
        for (GateRun run : runs) {
            tx.recordGateRun(run);
        }
        Issue issue = tx.find(issueId).orElse(null);
        if (issue == null || issue.state().isClosed() || issue.state() == State.ARCHIVED) {
            return issue;
        }
        Issue next = issue;
        for (GateRun run : runs) {
            if (!next.gatesRequired().contains(run.gateKey())) {
                continue;
            }
            GateStatus status = run.passed() ? GateStatus.PASSED : GateStatus.FAILED;
            next = next.withGateState(run.gateKey(), new GateState(status, CHECKER_ACTOR, run.startedAt()));
            EventHeader header = EventHeader.next(issueId);
            tx.emit(run.passed() ? new GatePassed(header, run.gateKey(), CHECKER_ACTOR, run.runId(), null)
                    : new GateFailed(header, run.gateKey(), CHECKER_ACTOR, run.runId()));
        }
        if (next != issue) {
            next = next.withUpdatedAt(Transitions.now());
            tx.put(next);
        }
        if (gateOnFailure && next.hasUnpassedGates() && next.state() != State.GATED
                && !DependencyGraph.isBlocked(next, tx.lookup())) {
            next = transitions.setState(next, State.GATED);
        }
        return completeIfGatesPassed(transitions, next);
    }

    /** GATE_FAILED for the first run of {@code check} that did not pass, or null when every run passed. */
    public static JitException failureOf(Check check) {
        for (GateRun run : check.runs()) {
            if (!run.passed()) {
                return checkFailed(run, null);
            }
        }
        return null;
    }

    /** GATE_FAILED for a run that did not pass, quoting the end of its output. */
    private static JitException checkFailed(GateRun run, GateStage stage) {
        String how = run.exitCode() != null ? "exit " + run.exitCode() : run.status();
        String output = tail(run.stderr().isBlank() ? run.stdout() : run.stderr());
        String first = "Gate '" + run.gateKey() + "' " + run.status() + " (" + how + " in "
                + seconds(run.durationMs()) + ")" + (run.message() != null ? ": " + run.message() : "")
                + (stage == GateStage.POSTCHECK ? "; issue " + run.issueId() + " is gated"
                : stage == GateStage.PRECHECK ? "; work on issue " + run.issueId() + " cannot start" : "");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("issue_id", run.issueId());
        details.put("gate_key", run.gateKey());
        details.put("run_id", run.runId());
        details.put("status", run.status());
        details.put("exit_code", run.exitCode());
        details.put("output_tail", output);
        return new JitException(ErrorCode.GATE_FAILED, output.isEmpty() ? first : first + "\n" + output, details,
                List.of("See the whole run: jit gate runs " + run.issueId() + " " + run.gateKey(),
                        "Run it again: jit gate check " + run.issueId() + " " + run.gateKey()));
    }

    /** The last {@value #ERROR_TAIL_LINES} lines of {@code text}, without trailing blank lines. */
    static String tail(String text) {
        String stripped = text.stripTrailing();
        int at = stripped.length();
        for (int lines = 0; lines < ERROR_TAIL_LINES && at > 0; lines++) {
            at = stripped.lastIndexOf('\n', at - 1);
            if (at < 0) {
                return stripped;
            }
        }
        return stripped.substring(at + 1);
    }

    /** {@code 3.1 s}: a duration as the progress line and errors show it. */
    public static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** INVALID_ARGUMENT unless the checker can run: a command, a positive timeout, a working_dir inside the repository. */
    private static void requireUsable(GateChecker c) {
        if (c.problem() != null) {
            throw JitException.invalidArgument("Invalid checker: " + c.problem());
        }
        if (c.argv() != null) {
            for (String arg : c.argv()) {
                if (arg.indexOf('\0') >= 0) {
                    throw JitException.invalidArgument("A checker argument contains a NUL character");
                }
            }
        } else if (c.command() == null || c.command().isBlank() || c.command().indexOf('\0') >= 0) {
            throw JitException.invalidArgument("A checker needs a command",
                    "e.g. --checker -- mvn -q test, or --checker-command 'make test'");
        }
        if (c.timeoutSeconds() <= 0) {
            throw JitException.invalidArgument("--timeout must be a positive number of seconds, not "
                    + c.timeoutSeconds());
        }
        String dir = c.workingDir();
        if (dir != null) {
            boolean inside = !dir.isEmpty() && dir.indexOf('\0') < 0 && !Path.of(dir).isAbsolute();
            for (String part : dir.split("/")) {
                inside &= !part.equals("..");
            }
            if (!inside) {
                throw JitException.invalidArgument("--working-dir '" + dir + "' must be a path inside the repository, "
                        + "relative to its root, without '..'", "e.g. --working-dir jit-core");
            }
        }
        for (Map.Entry<String, String> e : c.env().entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().indexOf('=') >= 0 || e.getKey().indexOf('\0') >= 0
                    || e.getValue().indexOf('\0') >= 0) {
                throw JitException.invalidArgument("Invalid checker environment entry '" + e.getKey() + "'",
                        "Use --env NAME=value");
            }
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
