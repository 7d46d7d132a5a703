package dev.jit.dispatch.engine;

import dev.jit.core.error.JitException;
import dev.jit.core.events.AgentOrphaned;
import dev.jit.core.model.DispatchRecord;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Lease;
import dev.jit.core.model.State;
import dev.jit.core.Agents;
import dev.jit.core.Jit;
import dev.jit.dispatch.config.AgentConfig;
import dev.jit.dispatch.config.AgentPrograms;
import dev.jit.dispatch.config.DispatchConfig;
import dev.jit.dispatch.config.OnOrphan;
import dev.jit.dispatch.engine.Scheduler.Claim;
import dev.jit.dispatch.process.AgentRun;
import dev.jit.dispatch.process.ProcessId;
import dev.jit.dispatch.process.RunningRecord;
import dev.jit.dispatch.process.RunLogs;
import dev.jit.dispatch.process.RunningRecords;
import dev.jit.dispatch.process.Supervisor;
import dev.jit.dispatch.process.Workspaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The dispatcher loop. One thread makes every decision: on every wake-up (a store write, an agent exit, or
 * at the latest every 200 ms) it reaps ended agents (releasing the issues of failed ones), stops stalled
 * ones and those over their maximum run time, and, when the store changed, an agent ended, a held-back issue's
 * retry time came or the poll interval passed, runs a dispatch cycle: reconcile running records left by dead
 * dispatchers, then pick and claim ready issues for free slots in one store transaction, then start the agents.
 * Failed attempts and retry times are the store's ({@link DispatchRecord}s), so every dispatcher on the store,
 * and the next one after a restart, holds the same issues back.
 */
public final class Dispatcher {
    private static final long TICK_MS = 200;
    /** How long shutdown waits for stopped agents and their releases beyond SIGKILL. */
    private static final Duration SHUTDOWN_SLACK = Supervisor.KILL_AFTER.plusSeconds(10);
    /** How often old run logs are looked for. */
    private static final Duration LOG_SWEEP = Duration.ofHours(1);
    /** The stop reason of a shutdown: not the agent's failure, so not counted as an attempt. */
    private static final String SHUTDOWN = "dispatcher shutdown";
    /** What setsid prints when it cannot exec the agent's program (then it exits 126 or 127). */
    private static final String EXEC_FAILED = "setsid: failed to execute";

    private final DispatchConfig config;
    private final Jit jit;
    private final Agents agents;
    private final DecisionLog log;
    private final Scheduler scheduler;
    private final Supervisor supervisor;
    private final RunningRecords records;
    private final RunLogs runLogs;
    private final Workspaces workspaces;
    private final StoreWatcher watcher;
    private final Wakeup wakeup = new Wakeup();
    /** How often leases are tended at most (see {@link #tendLeases}). */
    static final Duration LEASE_TICK = Duration.ofSeconds(5);
    private Instant nextLeaseTick = Instant.MIN;
    /** The last beat this dispatcher wrote on each running issue's lease: a different one is the agent's own. */
    private final Map<String, String> ourBeats = new HashMap<>();
    /** Prechecks run here, one at a time, off the loop (see {@link #awaitsPrecheck}). */
    private final java.util.concurrent.ExecutorService prechecks = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "jit-dispatch-precheck");
                t.setDaemon(true);
                return t;
            });
    private final Set<String> prechecking = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> precheckHeldUntil = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> toPrecheck = new ArrayList<>();
    private final ProcessId me = ProcessId.current();
    private final List<Supervisor.Exit> pendingExits = new ArrayList<>();
    /** The earliest retry time of a held-back issue at the last cycle: the loop runs a cycle then. */
    private Instant nextRetry;
    private Instant nextLogSweep = Instant.MIN;
    private volatile boolean stopRequested;
    private int claimed;
    private final AgentPrograms programs;
    /** Agents whose program could not be run at the last cycle, with why (logged once per change). */
    private final Map<String, String> unrunnable = new HashMap<>();

    public Dispatcher(DispatchConfig config, Jit jit, Path workDir, AgentPrograms programs, DecisionLog log) {
        this.config = config;
        this.programs = programs;
        this.jit = jit;
        this.agents = jit.agents();
        this.log = log;
        this.scheduler = new Scheduler(config);
        Path dispatchDir = dispatchDir(jit);
        this.runLogs = new RunLogs(dispatchDir, jit.options().warnings());
        this.workspaces = new Workspaces(workDir, dispatchDir, jit.options().warnings());
        this.supervisor = new Supervisor(workDir, runLogs, wakeup::wake);
        this.records = new RunningRecords(dispatchDir, jit.options().warnings());
        this.watcher = new StoreWatcher(jit);
    }

    /** Where the dispatcher keeps its runtime files (logs, running records); jit init git-ignores it. */
    public static Path dispatchDir(Jit jit) {
        return jit.dataDir().resolve("dispatch");
    }

    /** Asks the loop to stop dispatching and shut down; safe from any thread (e.g. a signal handler). */
    public void requestStop() {
        stopRequested = true;
        wakeup.wake();
    }

    /** The daemon: dispatches until a stop is requested, then shuts down gracefully. */
    public void run() {
        log.line("dispatcher-started", "pid", me.pid(), "agents", config.agents().size(), "poll_secs",
                config.pollInterval().toSeconds(), "data_dir", jit.dataDir());
        watcher.start(wakeup::wake);
        Instant nextPoll = Instant.MIN;
        while (!stopRequested) {
            try {
                boolean exited = housekeeping();
                boolean changed = watcher.changed();
                Instant now = Instant.now();
                sweepLogs(now);
                tendLeases(now);
                if (exited || changed || !now.isBefore(nextPoll) || nextRetry != null && !now.isBefore(nextRetry)) {
                    nextPoll = now.plus(config.pollInterval());
                    cycle();
                } else {
                    settleExits();
                }
            } catch (RuntimeException e) {
                // A daemon keeps supervising its agents through a failed cycle (lock timeout, I/O error, …).
                log.line("error", "during", "dispatch cycle", "message", String.valueOf(e.getMessage()));
            }
            sleep();
        }
        watcher.close();
        shutdown();
    }

    /**
     * One dispatch cycle, then supervises the agents it started until they all ended (or a stop is
     * requested). Returns the number of issues claimed.
     */
    public int once() {
        sweepLogs(Instant.now());
        housekeeping();
        cycle();
        while (!stopRequested && !supervisor.isEmpty()) {
            sleep();
            housekeeping();
            tendLeases(Instant.now());
            settleExits();
        }
        shutdown();
        return claimed;
    }

    /**
     * Settles ended agents, reconciles, claims and emits agent_started for what it is about to start, all in
     * one transaction (one commit per cycle, whatever it did), then starts the agents.
     */
    private void cycle() {
        if (config.agents().stream().allMatch(a -> supervisor.runningFor(a.id()) >= a.maxConcurrent())) {
            settleExits();
            return;
        }
        List<Runnable> notes = new ArrayList<>();
        List<Claim> staged = new ArrayList<>();
        List<Claim> claims;
        try {
            claims = agents.inOneCommit("dispatch claim", tx -> {
                notes.clear();
                staged.clear();
                pendingExits.forEach(x -> settle(tx, x, notes));
                reconcile(tx, notes);
                Map<String, Integer> free = new HashMap<>();
                config.agents().forEach(a -> free.put(a.id(), runnable(a) ? a.maxConcurrent() : 0));
                records.list().forEach(r -> free.computeIfPresent(r.agentId(), (k, n) -> n - 1));
                Instant now = Instant.now();
                Map<String, DispatchRecord> heldBack = reviewDispatchRecords(tx, notes);
                nextRetry = heldBack.values().stream().map(DispatchRecord::nextRetryAt)
                        .filter(t -> t != null && t.isAfter(now)).min(Instant::compareTo).orElse(null);
                // Slots are taken on disk before the commit, under the lock: another dispatcher sees them.
                toPrecheck.clear();
                for (Claim c : scheduler.claim(tx, free,
                        i -> eligible(i, heldBack.get(i.id()), now) && !awaitsPrecheck(tx, i, now),
                        (t, issue, agent) -> claimAndRecord(t, issue, agent, heldBack.get(issue.id()), now))) {
                    records.write(RunningRecord.claimed(c.issue().id(), c.agent().id(), me, c.attempt()));
                    staged.add(c);
                }
                return staged;
            });
        } catch (RuntimeException e) {
            staged.forEach(c -> records.delete(c.issue().id()));
            throw e;
        }
        pendingExits.clear();
        notes.forEach(Runnable::run);
        if (!claims.isEmpty()) {
            startAll(claims);
        }
        toPrecheck.forEach(this::precheckInBackground);
    }

    /**
     * Whether {@code issue} waits for its prechecks: they run on the precheck thread (they may take minutes, and
     * the loop supervises agents meanwhile), and the issue is handed out once they passed. One that failed is
     * tried again after {@code retry_backoff_seconds}; a failing precheck is no attempt of an agent.
     */
    private boolean awaitsPrecheck(Agents.Commit tx, Issue issue, Instant now) {
        if (!tx.awaitsPrecheck(issue)) {
            return false;
        }
        Instant holdUntil = precheckHeldUntil.get(issue.id());
        if (!prechecking.contains(issue.id()) && (holdUntil == null || !now.isBefore(holdUntil))
                && !toPrecheck.contains(issue.id())) {
            toPrecheck.add(issue.id());
        }
        return true;
    }

    private void precheckInBackground(String issueId) {
        prechecking.add(issueId);
        prechecks.execute(() -> {
            try {
                jit.gates().precheck(issueId);
                precheckHeldUntil.remove(issueId);
                log.line("precheck-passed", "issue", issueId);
            } catch (RuntimeException e) {
                precheckHeldUntil.put(issueId, Instant.now().plus(config.retry().backoff()));
                log.line("precheck-failed", "issue", issueId, "message",
                        String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            } finally {
                prechecking.remove(issueId);
                wakeup.wake();
            }
        });
    }

    /**
     * Whether {@code agent}'s program can be run now: one that went missing after start-up gets no work (instead
     * of a claim, an exit 127 and a release, again and again) until it is back.
     */
    private boolean runnable(AgentConfig agent) {
        String problem = programs.problem(agent);
        String before = problem == null ? unrunnable.remove(agent.id()) : unrunnable.put(agent.id(), problem);
        if (problem != null && !problem.equals(before)) {
            log.line("skip-agent", "agent", agent.id(), "reason", problem);
        } else if (problem == null && before != null) {
            log.line("agent-runnable", "agent", agent.id());
        }
        return problem == null;
    }

    /**
     * The dispatch records that still hold issues back, after forgetting those whose issue is gone or closed
     * and those a human cleared: a record that gave up whose issue no longer carries {@code needs:human} is
     * removed, so the issue starts again from attempt 1.
     */
    private Map<String, DispatchRecord> reviewDispatchRecords(Agents.Commit tx, List<Runnable> notes) {
        Map<String, DispatchRecord> inForce = new HashMap<>();
        for (DispatchRecord r : tx.dispatchRecords().values()) {
            Issue issue = tx.find(r.issueId()).orElse(null);
            if (issue == null || issue.state().isClosed() || issue.state() == State.ARCHIVED) {
                tx.removeDispatchRecord(r.issueId());
            } else if (r.gaveUp() && !issue.labels().contains(DispatchRecord.NEEDS_HUMAN)) {
                tx.removeDispatchRecord(r.issueId());
                notes.add(() -> log.line("attempts-reset", "issue", r.issueId(), "attempts", r.attempts(), "reason",
                        DispatchRecord.NEEDS_HUMAN + " removed"));
            } else {
                inForce.put(r.issueId(), r);
            }
        }
        return inForce;
    }

    /** Whether an issue may be handed out now: not labelled needs:human, not given up on, its retry time past. */
    private static boolean eligible(Issue issue, DispatchRecord r, Instant now) {
        return !issue.labels().contains(DispatchRecord.NEEDS_HUMAN)
                && (r == null || !r.gaveUp() && (r.nextRetryAt() == null || !r.nextRetryAt().isAfter(now)));
    }

    /**
     * Claims {@code issue} for {@code agent} and records the agent_started event (with the run's log file), in
     * the cycle's commit. The run is attempt {@code r.attempts() + 1}.
     */
    private Claim claimAndRecord(Agents.Commit tx, Issue issue, AgentConfig agent, DispatchRecord r, Instant now) {
        int attempt = r == null ? 1 : r.attempts() + 1;
        Path runLog = runLogs.fileFor(issue.id(), attempt, now);
        Issue claimed = tx.claimAndRecord(issue, agent.assignee(), config.leaseTtl(), agent.id(), argv(issue, agent),
                runLog.toString());
        if (claimed.lease() != null) {
            ourBeats.put(claimed.id(), claimed.lease().lastBeat());
        }
        return new Claim(claimed, agent, attempt, runLog);
    }

    private List<String> argv(Claim c) {
        return argv(c.issue(), c.agent());
    }

    private List<String> argv(Issue issue, AgentConfig agent) {
        return agent.command().render(Map.of("issue_id", issue.id(), "title", issue.title(), "priority",
                issue.priority().wire(), "agent_id", agent.id(), "data_dir", jit.dataDir().toString()));
    }

    private void startAll(List<Claim> claims) {
        Map<String, String> failed = new HashMap<>();
        for (Claim c : claims) {
            Issue issue = c.issue();
            AgentConfig agent = c.agent();
            claimed++;
            log.line("claim", "issue", issue.id(), "agent", agent.id(), "priority", issue.priority().wire(),
                    "title", issue.title());
            // JIT_ACTOR: the agent's own jit calls (jit issue heartbeat "$JIT_ISSUE_ID", update --state done) act
            // as the claim's holder.
            Map<String, String> env = new HashMap<>(Map.of("JIT_ISSUE_ID", issue.id(), "JIT_AGENT_ID", agent.id(),
                    "JIT_DATA_DIR", jit.dataDir().toString(), "JIT_ACTOR", agent.assignee()));
            Path workspace = null;
            try {
                if (agent.worktree()) {
                    try {
                        workspace = workspaces.create(issue.id());
                    } catch (IOException e) {
                        throw new IOException("workspace: " + e.getMessage(), e);
                    }
                    env.put("JIT_WORKSPACE", workspace.toString());
                }
                AgentRun run = supervisor.start(issue.id(), agent, c.attempt(), c.log(), workspace, argv(c), env);
                records.write(RunningRecord.claimed(issue.id(), agent.id(), me, c.attempt()).withProcess(run.pid(),
                        run.processId().start(), run.started().toString(), run.log().toString(),
                        workspace == null ? null : workspace.toString()));
                log.line("started", "issue", issue.id(), "agent", agent.id(), "attempt", c.attempt(), "pid", run.pid(),
                        "log", run.log(), "workspace", workspace == null ? "repo" : workspace);
                runLogs.keepNewest(issue.id(), config.logs().runsPerIssue());
            } catch (IOException | UncheckedIOException e) {
                failed.put(issue.id(), "agent failed to start: " + e.getMessage());
                if (workspace != null && !agent.keepWorktree()) {
                    workspaces.remove(workspace);
                }
            }
        }
        if (!failed.isEmpty()) {
            Instant retryAt = Instant.now().plus(config.retry().backoff());
            agents.inOneCommit("dispatch start failed", tx -> {
                failed.forEach((id, reason) -> {
                    tx.find(id).ifPresent(issue -> tx.releaseWithReason(issue, reason));
                    tx.putDispatchRecord(tx.dispatchRecord(id).heldBack(reason, retryAt));
                    records.delete(id);
                });
                return null;
            });
            failed.forEach((id, reason) -> log.line("released", "issue", id, "reason", reason, "counted", false,
                    "next_retry_at", retryAt));
            nextRetry = nextRetry == null || retryAt.isBefore(nextRetry) ? retryAt : nextRetry;
        }
    }

    /**
     * Takes over what dead dispatchers left: adopts agent processes that still run; for the others
     * releases or keeps the issue ({@code on_orphan}). Frees kept slots whose issue has moved on.
     */
    private void reconcile(Agents.Commit tx, List<Runnable> notes) {
        for (RunningRecord r : records.list()) {
            Optional<AgentConfig> found = config.agent(r.agentId());
            if (found.isEmpty()) {
                continue;
            }
            AgentConfig agent = found.get();
            Issue issue = tx.find(r.issueId()).orElse(null);
            boolean held = issue != null && issue.state() == State.IN_PROGRESS
                    && agent.assignee().equals(issue.assignee());
            if (r.owner().equals(me)) {
                if (r.kept() && !held) {
                    records.delete(r.issueId());
                    notes.add(() -> log.line("orphan-freed", "issue", r.issueId(), "agent", agent.id()));
                }
                continue;
            }
            if (r.owner().isAlive()) {
                continue;
            }
            Optional<ProcessHandle> process = r.process().handle();
            Optional<Path> runLog = runLogs.ownLog(r.issueId(), r.log());
            Instant started = startedAt(r);
            AgentOrphaned.Action action;
            if (process.isPresent()) {
                supervisor.adopt(r.issueId(), agent, r.attempt(), process.get(), started,
                        runLog.orElse(runLogs.issueDir(r.issueId())), workspaceOf(r));
                records.write(r.ownedBy(me, false));
                action = AgentOrphaned.Action.ADOPTED;
            } else if (!held) {
                // It ended while nobody watched, its issue moved on (say, done): record the end that was missed.
                Duration ran = Duration.between(started, Instant.now());
                tx.agentExited(r.issueId(), agent.id(), r.pid(), null, ran.toMillis(), issue == null ? null : issue.state(),
                        false, null);
                records.delete(r.issueId());
                Path workspace = workspaceOf(r);
                String state = issue == null ? "deleted" : issue.state().wire();
                notes.add(() -> {
                    runLog.ifPresent(file -> runLogs.footer(file, Instant.now(), ran,
                            "exit status unknown (it ended while its dispatcher was gone)"));
                    if (workspace != null && !agent.keepWorktree()) {
                        workspaces.remove(workspace);
                    }
                    log.line("exited", "issue", r.issueId(), "agent", agent.id(), "attempt", r.attempt(), "pid", r.pid(),
                            "code", "unknown", "ran_ms", ran.toMillis(), "state", state);
                });
                continue;
            } else if (config.onOrphan() == OnOrphan.RELEASE) {
                String reason = "agent lost: its dispatcher died";
                Issue released = tx.releaseWithReason(issue, reason);
                countFailure(tx, released, reason, notes);
                records.delete(r.issueId());
                runLog.ifPresent(file -> notes.add(() -> runLogs.footer(file, Instant.now(),
                        Duration.between(started, Instant.now()), "exit status unknown (" + reason + ")")));
                Path workspace = workspaceOf(r);
                if (workspace != null && !agent.keepWorktree()) {
                    notes.add(() -> workspaces.remove(workspace));
                }
                action = AgentOrphaned.Action.RELEASED;
            } else {
                records.write(r.ownedBy(me, true));
                action = AgentOrphaned.Action.KEPT;
            }
            tx.agentOrphaned(r.issueId(), agent.id(), action, r.pid(), r.owner().pid());
            notes.add(() -> log.line("orphan-" + action.wire(), "issue", r.issueId(), "agent", agent.id(),
                    "pid", r.pid(), "previous_dispatcher_pid", r.owner().pid()));
        }
    }

    /** The record's worktree if it is the one its issue would get (a record is a file: never trusted as a path). */
    private Path workspaceOf(RunningRecord r) {
        Path expected = workspaces.path(r.issueId());
        return r.workspace() != null && expected.toString().equals(r.workspace()) ? expected : null;
    }

    private static Instant startedAt(RunningRecord r) {
        try {
            return r.startedAt() == null ? Instant.now() : Instant.parse(r.startedAt());
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.now(); // a damaged record: count the run from now
        }
    }

    /**
     * Escalates stops, stops stalled agents and those over their maximum run time, collects ended ones.
     * Returns true if any agent ended.
     */
    private boolean housekeeping() {
        Instant now = Instant.now();
        supervisor.tick(now);
        for (AgentRun run : supervisor.overRuntime(now)) {
            supervisor.stop(run, "max runtime exceeded (" + minutes(run.agent().maxRuntime()) + ")");
            log.line("over-runtime", "issue", run.issueId(), "agent", run.agent().id(), "pid", run.pid(), "ran_secs",
                    Duration.between(run.started(), now).toSeconds());
        }
        List<AgentRun> stalled = supervisor.stalled(config.stallTimeout(), now);
        for (AgentRun run : stalled) {
            supervisor.stop(run, "stalled");
            log.line("stalled", "issue", run.issueId(), "agent", run.agent().id(), "pid", run.pid(), "idle_secs",
                    Duration.between(run.lastSignOfLife(), now).toSeconds());
        }
        if (!stalled.isEmpty()) {
            tryWrite("dispatch stall", tx -> stalled.forEach(run -> tx.agentStalled(run.issueId(), run.agent().id(),
                    run.pid(), config.stallTimeout().toMillis())));
        }
        List<Supervisor.Exit> exits = supervisor.drainExits();
        pendingExits.addAll(exits);
        return !exits.isEmpty();
    }

    /** Records ended agents in the store (a cycle does this inside its own transaction). */
    private void settleExits() {
        if (pendingExits.isEmpty()) {
            return;
        }
        List<Runnable> notes = new ArrayList<>();
        if (tryWrite("dispatch exit", tx -> {
            notes.clear();
            pendingExits.forEach(x -> settle(tx, x, notes));
        })) {
            pendingExits.clear();
            notes.forEach(Runnable::run);
        }
    }

    /**
     * Records an agent's end; releases its issue if the run failed (non-zero exit, stopped, or exit 0 with the
     * issue still in progress and assigned to the agent) and counts the failed attempt, or forgets the issue's
     * attempts when the run succeeded.
     */
    private void settle(Agents.Commit tx, Supervisor.Exit x, List<Runnable> notes) {
        AgentRun run = x.run();
        AgentConfig agent = run.agent();
        Issue issue = tx.find(run.issueId()).orElse(null);
        boolean held = issue != null && agent.assignee().equals(issue.assignee()) && !issue.state().isClosed()
                && issue.state() != State.ARCHIVED;
        boolean leftInProgress = held && issue.state() == State.IN_PROGRESS;
        String execFailure = execFailure(run, x.exitCode());
        String reason = run.stopReason() != null ? run.stopReason()
                : execFailure != null ? "agent program failed to start: " + execFailure
                : x.exitCode() == null ? (leftInProgress
                        ? "agent exited (status unknown: adopted after a dispatcher restart)" : null)
                : x.exitCode() != 0 ? "agent exited with " + x.exitCode()
                : leftInProgress ? "agent exited 0 but left the issue in_progress" : null;
        boolean release = held && reason != null;
        Issue after = release ? tx.releaseWithReason(issue, reason) : issue;
        if (release && execFailure != null) {
            // The program never ran: not an attempt, but held back so a broken installation cannot spin.
            Instant retryAt = Instant.now().plus(config.retry().backoff());
            tx.putDispatchRecord(tx.dispatchRecord(run.issueId()).heldBack(reason, retryAt));
            notes.add(() -> log.line("held-back", "issue", run.issueId(), "counted", false, "next_retry_at", retryAt));
        } else if (release && !SHUTDOWN.equals(run.stopReason())) {
            after = countFailure(tx, after, reason, notes);
        } else if (reason == null && !leftInProgress) {
            tx.removeDispatchRecord(run.issueId());
        }
        String state = after == null ? "deleted" : after.state().wire();
        tx.agentExited(run.issueId(), agent.id(), run.pid(), x.exitCode(), x.ran().toMillis(),
                after == null ? null : after.state(), release, run.stopReason());
        records.delete(run.issueId());
        notes.add(() -> {
            runLogs.footer(run.log(), Instant.now(), x.ran(), RunLogs.describeExit(x.exitCode(), run.stopReason()));
            if (run.workspace() != null && !agent.keepWorktree()) {
                workspaces.remove(run.workspace());
            }
            log.line("exited", "issue", run.issueId(), "agent", agent.id(), "attempt", run.attempt(), "pid", run.pid(),
                    "code", x.exitCode() == null ? "unknown" : x.exitCode(), "ran_ms", x.ran().toMillis(), "state", state);
            if (release) {
                log.line("released", "issue", run.issueId(), "agent", agent.id(), "reason", reason);
            }
        });
    }

    /**
     * Counts a failed run of the released {@code issue} in its dispatch record: held back for the backoff
     * delay, or, when it was the last allowed attempt, labelled {@code needs:human} and given up on.
     */
    private Issue countFailure(Agents.Commit tx, Issue issue, String reason, List<Runnable> notes) {
        Instant now = Instant.now();
        DispatchRecord before = tx.dispatchRecord(issue.id());
        DispatchRecord failed = before.failed(reason, now.plus(config.retry().delayAfter(before.attempts() + 1)));
        Issue after = issue;
        if (config.retry().exhausted(failed.attempts())) {
            failed = failed.givenUp();
            after = tx.addLabel(issue, DispatchRecord.NEEDS_HUMAN);
            int attempts = failed.attempts();
            notes.add(() -> log.line("gave-up", "issue", issue.id(), "attempts", attempts, "label",
                    DispatchRecord.NEEDS_HUMAN, "last_failure", reason));
        } else {
            DispatchRecord counted = failed;
            notes.add(() -> log.line("held-back", "issue", issue.id(), "attempts", counted.attempts() + "/"
                    + config.retry().maxAttempts(), "next_retry_at", counted.nextRetryAt()));
            if (nextRetry == null || counted.nextRetryAt().isBefore(nextRetry)) {
                nextRetry = counted.nextRetryAt();
            }
        }
        tx.putDispatchRecord(failed);
        return after;
    }

    /**
     * What setsid said when it could not exec the agent's program (exit 126 or 127 and its message first in
     * the run log), or null: such a run never started, so it is not an attempt.
     */
    private static String execFailure(AgentRun run, Integer exitCode) {
        if (run.adopted() || exitCode == null || exitCode != 126 && exitCode != 127) {
            return null;
        }
        String first = RunLogs.firstOutput(run.log(), 300);
        return first.startsWith(EXEC_FAILED) ? first.lines().findFirst().orElse("").strip() : null;
    }

    /**
     * Every {@link #LEASE_TICK} (a third of the lease and of the stall timeout at most): renews the leases of the agents this dispatcher
     * runs, notes the heartbeats they sent themselves (a sign of life for stall detection: a lease whose last beat
     * is not the one this dispatcher wrote), and frees claims whose lease ran out, whoever held them. One commit.
     */
    private void tendLeases(Instant now) {
        if (now.isBefore(nextLeaseTick)) {
            return;
        }
        // Often enough to renew a lease in time, and to see an agent's heartbeats before it counts as stalled.
        List<Duration> bounds = new ArrayList<>(List.of(LEASE_TICK));
        if (!config.leaseTtl().isZero()) {
            bounds.add(config.leaseTtl().dividedBy(3));
        }
        if (!config.stallTimeout().isZero()) {
            bounds.add(config.stallTimeout().dividedBy(3));
        }
        Duration tick = Collections.min(bounds);
        nextLeaseTick = now.plus(tick.toMillis() < TICK_MS ? Duration.ofMillis(TICK_MS) : tick);
        List<AgentRun> runs = List.copyOf(supervisor.running());
        List<String> lost = new ArrayList<>();
        tryWrite("dispatch leases", tx -> {
            lost.clear();
            for (AgentRun run : runs) {
                Issue issue = tx.find(run.issueId()).orElse(null);
                if (issue == null || issue.lease() == null) {
                    continue;
                }
                String ours = ourBeats.get(run.issueId());
                if (ours != null && !ours.equals(issue.lease().lastBeat())) {
                    run.heartbeatAt(Lease.parseInstant(issue.lease().lastBeat()));
                }
                if (tx.renewLease(run.issueId(), run.agent().assignee())) {
                    tx.find(run.issueId()).ifPresent(i -> ourBeats.put(i.id(), i.lease().lastBeat()));
                } else {
                    lost.add(run.issueId());
                }
            }
            for (Issue freed : tx.expireLeases()) {
                log.line("lease-expired", "issue", freed.id());
            }
        });
        for (String id : lost) {
            log.line("lease-lost", "issue", id);
        }
        ourBeats.keySet().retainAll(runs.stream().map(AgentRun::issueId).collect(Collectors.toSet()));
    }

    /** Deletes run logs older than log_keep_days, at start and then hourly (not of issues being run). */
    private void sweepLogs(Instant now) {
        if (now.isBefore(nextLogSweep)) {
            return;
        }
        nextLogSweep = now.plus(LOG_SWEEP);
        Set<String> active = records.list().stream().map(RunningRecord::issueId).collect(Collectors.toSet());
        runLogs.deleteOlderThan(config.logs().maxAge(), active, now);
    }

    private static String minutes(Duration d) {
        return d.toMillis() % 60_000 == 0 ? d.toMinutes() + " min" : d.toMillis() / 1000.0 + " s";
    }

    /** Stops dispatching, waits up to the grace period, then stops the remaining agents and releases. */
    private void shutdown() {
        prechecks.shutdownNow();
        if (stopRequested) {
            log.line("shutdown", "running", supervisor.running().size(), "grace_secs",
                    config.shutdownGrace().toSeconds());
        }
        Instant graceEnd = Instant.now().plus(config.shutdownGrace());
        settleExits();
        while (!supervisor.isEmpty() && Instant.now().isBefore(graceEnd)) {
            sleep();
            housekeeping();
            settleExits();
        }
        for (AgentRun run : supervisor.running()) {
            if (!run.stopping()) {
                supervisor.stop(run, SHUTDOWN);
                log.line("stopping", "issue", run.issueId(), "agent", run.agent().id(), "pid", run.pid());
            }
        }
        Instant giveUp = Instant.now().plus(SHUTDOWN_SLACK);
        while ((!supervisor.isEmpty() || !pendingExits.isEmpty()) && Instant.now().isBefore(giveUp)) {
            sleep();
            housekeeping();
            settleExits();
        }
        if (stopRequested) {
            log.line("dispatcher-stopped", "pid", me.pid());
        }
    }

    private boolean tryWrite(String purpose, Consumer<Agents.Commit> body) {
        try {
            agents.inOneCommit(purpose, tx -> {
                body.accept(tx);
                return null;
            });
            return true;
        } catch (JitException | UncheckedIOException e) {
            log.line("error", "during", purpose, "message", e.getMessage());
            return false;
        }
    }

    private void sleep() {
        long ms = TICK_MS;
        if (nextRetry != null) {
            ms = Math.max(1, Math.min(ms, Duration.between(Instant.now(), nextRetry).toMillis()));
        }
        try {
            wakeup.await(ms);
        } catch (InterruptedException e) {
            requestStop();
        }
    }
}
