package dev.jit.dispatch.engine;

import dev.jit.core.error.JitException;
import dev.jit.core.events.AgentOrphaned;
import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import dev.jit.core.Issues;
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
import dev.jit.dispatch.process.RunningRecords;
import dev.jit.dispatch.process.Supervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The dispatcher loop. One thread makes every decision: on every wake-up (a store write, an agent exit, or
 * at the latest every 200 ms) it reaps ended agents (releasing the issues of failed ones), stops stalled
 * ones, and, when the store changed, an agent ended or the poll interval passed, runs a dispatch cycle: reconcile running records left by dead dispatchers, then pick and
 * claim ready issues for free slots in one store transaction, then start the agents.
 */
public final class Dispatcher {
    private static final long TICK_MS = 200;
    /** How long shutdown waits for stopped agents and their releases beyond SIGKILL. */
    private static final Duration SHUTDOWN_SLACK = Supervisor.KILL_AFTER.plusSeconds(10);

    private final DispatchConfig config;
    private final Jit jit;
    private final Agents agents;
    private final DecisionLog log;
    private final Scheduler scheduler;
    private final Supervisor supervisor;
    private final RunningRecords records;
    private final StoreWatcher watcher;
    private final Wakeup wakeup = new Wakeup();
    private final ProcessId me = ProcessId.current();
    private final List<Supervisor.Exit> pendingExits = new ArrayList<>();
    /** Issues released after a failure or stall, held back until then so a broken agent cannot spin. */
    private final Map<String, Instant> retryAfter = new HashMap<>();
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
        this.supervisor = new Supervisor(workDir, dispatchDir, wakeup::wake);
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
                if (exited || changed || !now.isBefore(nextPoll)) {
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
        housekeeping();
        cycle();
        while (!stopRequested && !supervisor.isEmpty()) {
            sleep();
            housekeeping();
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
                // Slots are taken on disk before the commit, under the lock: another dispatcher sees them.
                Instant now = Instant.now();
                retryAfter.values().removeIf(t -> t.isBefore(now));
                for (Claim c : scheduler.claim(tx, free, i -> !retryAfter.containsKey(i.id()), this::claimAndRecord)) {
                    records.write(new RunningRecord(c.issue().id(), c.agent().id(), 0, null, null, me, false));
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

    /** Claims {@code issue} for {@code agent} and records the agent_started event, in the cycle's commit. */
    private Issue claimAndRecord(Agents.Commit tx, Issue issue, AgentConfig agent) {
        return tx.claimAndRecord(issue, agent.assignee(), null, agent.id(), argv(issue, agent),
                supervisor.logFile(issue.id()).toString());
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
            Map<String, String> env = Map.of("JIT_ISSUE_ID", issue.id(), "JIT_AGENT_ID", agent.id(), "JIT_DATA_DIR",
                    jit.dataDir().toString());
            try {
                AgentRun run = supervisor.start(issue.id(), agent, argv(c), env);
                records.write(new RunningRecord(issue.id(), agent.id(), 0, null, null, me, false)
                        .withProcess(run.pid(), run.processId().start(), run.started().toString()));
                log.line("started", "issue", issue.id(), "agent", agent.id(), "pid", run.pid(), "log", run.log());
            } catch (IOException e) {
                failed.put(issue.id(), "agent failed to start: " + e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            agents.inOneCommit("dispatch start failed", tx -> {
                failed.forEach((id, reason) -> {
                    tx.find(id).ifPresent(issue -> tx.releaseWithReason(issue, reason));
                    retryAfter.put(id, Instant.now().plus(config.retryDelay()));
                    records.delete(id);
                });
                return null;
            });
            failed.forEach((id, reason) -> log.line("released", "issue", id, "reason", reason));
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
            AgentOrphaned.Action action;
            if (process.isPresent()) {
                supervisor.adopt(r.issueId(), agent, process.get(),
                        r.startedAt() == null ? Instant.now() : Instant.parse(r.startedAt()));
                records.write(r.ownedBy(me, false));
                action = AgentOrphaned.Action.ADOPTED;
            } else if (!held) {
                records.delete(r.issueId());
                continue;
            } else if (config.onOrphan() == OnOrphan.RELEASE) {
                tx.releaseWithReason(issue, "agent lost: its dispatcher died");
                records.delete(r.issueId());
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

    /** Escalates stops, stops stalled agents, collects ended ones. Returns true if any agent ended. */
    private boolean housekeeping() {
        Instant now = Instant.now();
        supervisor.tick(now);
        List<AgentRun> stalled = supervisor.stalled(config.stallTimeout(), now);
        for (AgentRun run : stalled) {
            supervisor.stop(run, "stalled");
            log.line("stalled", "issue", run.issueId(), "agent", run.agent().id(), "pid", run.pid(), "idle_secs",
                    Duration.between(run.lastActivity(), now).toSeconds());
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

    /** Records an agent's end; releases its issue if it failed, stalled or was stopped at shutdown. */
    private void settle(Agents.Commit tx, Supervisor.Exit x, List<Runnable> notes) {
        AgentRun run = x.run();
        AgentConfig agent = run.agent();
        Issue issue = tx.find(run.issueId()).orElse(null);
        boolean held = issue != null && agent.assignee().equals(issue.assignee()) && !issue.state().isClosed()
                && issue.state() != State.ARCHIVED;
        String reason = run.stopReason() != null ? run.stopReason()
                : x.exitCode() == null ? (held && issue.state() == State.IN_PROGRESS
                        ? "agent exited (status unknown: adopted after a dispatcher restart)" : null)
                : x.exitCode() != 0 ? "agent exited with " + x.exitCode() : null;
        boolean release = held && reason != null;
        Issue after = release ? tx.releaseWithReason(issue, reason) : issue;
        if (release) {
            retryAfter.put(run.issueId(), Instant.now().plus(config.retryDelay()));
        }
        String state = after == null ? "deleted" : after.state().wire();
        tx.agentExited(run.issueId(), agent.id(), run.pid(), x.exitCode(), x.ran().toMillis(),
                after == null ? null : after.state(), release, run.stopReason());
        records.delete(run.issueId());
        notes.add(() -> {
            log.line("exited", "issue", run.issueId(), "agent", agent.id(), "pid", run.pid(), "code",
                    x.exitCode() == null ? "unknown" : x.exitCode(), "ran_ms", x.ran().toMillis(), "state", state);
            if (release) {
                log.line("released", "issue", run.issueId(), "agent", agent.id(), "reason", reason);
            } else if (held && issue.state() == State.IN_PROGRESS) {
                log.line("left-in-progress", "issue", run.issueId(), "agent", agent.id(), "note",
                        "agent exited 0 without moving the issue on");
            }
        });
    }

    /** Stops dispatching, waits up to the grace period, then stops the remaining agents and releases. */
    private void shutdown() {
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
                supervisor.stop(run, "dispatcher shutdown");
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
        try {
            wakeup.await(TICK_MS);
        } catch (InterruptedException e) {
            requestStop();
        }
    }
}
