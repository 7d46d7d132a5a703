package dev.jit.dispatch.process;

import dev.jit.dispatch.config.AgentConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts agent processes, watches them and stops them. Exits are queued (and {@code onExit} is called from
 * the JDK's process reaper, or from the adopted-process watcher) and collected by the dispatcher loop with
 * {@link #drainExits()}, so every decision about an issue happens on that one thread.
 */
public final class Supervisor {
    /** How long a process has between SIGTERM and SIGKILL. */
    public static final Duration KILL_AFTER = Duration.ofSeconds(5);
    /**
     * How often the watcher looks at adopted processes. They are not our children, so no wait() reports their
     * end, and the JDK's own onExit polls them with a sleep that grows from 300 ms to 5 s.
     */
    static final long ADOPTED_POLL_MS = 50;
    /**
     * Agents run in a session of their own (setsid execs in place, so the pid stays the agent's and is its
     * process group id), so a Ctrl-C or a signal sent to the dispatcher's process group reaches only the
     * dispatcher, which then stops its agents the graceful way, and a stop can signal the agent's whole group.
     */
    private static final List<String> NEW_SESSION = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(p -> Files.isExecutable(Path.of(p))).findFirst().map(List::of).orElse(List.of());
    private static final Optional<String> KILL = Stream.of("/usr/bin/kill", "/bin/kill")
            .filter(p -> Files.isExecutable(Path.of(p))).findFirst();

    /** An agent process that ended. {@code exitCode} is null when unknown (an adopted process). */
    public record Exit(AgentRun run, Integer exitCode, Duration ran) {
    }

    private final Path workDir;
    private final RunLogs logs;
    private final Runnable onExit;
    private final Map<String, AgentRun> runs = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<AgentRun> ended = new ConcurrentLinkedQueue<>();
    private final List<AgentRun> adopted = new CopyOnWriteArrayList<>();
    private Thread adoptedWatcher;

    public Supervisor(Path workDir, RunLogs logs, Runnable onExit) {
        this.workDir = workDir;
        this.logs = logs;
        this.onExit = onExit;
    }

    /**
     * Starts {@code argv} in {@code workspace} (null: the repository) with the JIT_* environment, stdin from
     * /dev/null and stdout+stderr appended to a new run log (after its header). A relative program path is the
     * repository's, wherever the run works.
     */
    public AgentRun start(String issueId, AgentConfig agent, int attempt, Path log, Path workspace, List<String> argv,
                          Map<String, String> env) throws IOException {
        Instant started = Instant.now();
        logs.create(log, issueId, agent.id(), attempt, argv, started);
        List<String> command = new ArrayList<>(NEW_SESSION);
        command.addAll(argv);
        String program = argv.get(0);
        if (program.contains("/") && !program.startsWith("/")) {
            command.set(NEW_SESSION.size(), workDir.resolve(program).normalize().toString());
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory((workspace == null ? workDir : workspace).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            logs.footer(log, Instant.now(), Duration.between(started, Instant.now()), "did not start: " + e.getMessage());
            throw e;
        }
        AgentRun run = new AgentRun(issueId, agent, attempt, p.toHandle(), p, started, log, workspace);
        track(run);
        p.onExit().thenRun(() -> run.ended().complete(null));
        return run;
    }

    /** Watches a process a dead dispatcher started, logging to that run's log. */
    public AgentRun adopt(String issueId, AgentConfig agent, int attempt, ProcessHandle handle, Instant started,
                          Path log, Path workspace) {
        AgentRun run = new AgentRun(issueId, agent, attempt, handle, null, started, log, workspace);
        track(run);
        adopted.add(run);
        startAdoptedWatcher();
        return run;
    }

    private void track(AgentRun run) {
        runs.put(run.issueId(), run);
        run.ended().thenRun(() -> {
            ended.add(run);
            onExit.run();
        });
    }

    /**
     * One daemon thread that checks every {@link #ADOPTED_POLL_MS} whether an adopted process has ended
     * ({@link ProcessId#hasEnded}: gone, a zombie, or its pid now names a later process).
     */
    private synchronized void startAdoptedWatcher() {
        if (adoptedWatcher != null) {
            return;
        }
        adoptedWatcher = new Thread(() -> {
            while (true) {
                for (AgentRun run : adopted) {
                    if (ProcessId.hasEnded(run.handle())) {
                        adopted.remove(run);
                        run.ended().complete(null);
                    }
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(ADOPTED_POLL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "jit-dispatch-adopted-watcher");
        adoptedWatcher.setDaemon(true);
        adoptedWatcher.start();
    }

    /** Processes that ended since the last call; they are no longer tracked. */
    public List<Exit> drainExits() {
        List<Exit> out = new ArrayList<>();
        for (AgentRun run; (run = ended.poll()) != null; ) {
            runs.remove(run.issueId());
            out.add(new Exit(run, run.exitCode(), Duration.between(run.started(), Instant.now())));
        }
        return out;
    }

    public Collection<AgentRun> running() {
        return List.copyOf(runs.values());
    }

    public int runningFor(String agentId) {
        return (int) runs.values().stream().filter(r -> r.agent().id().equals(agentId)).count();
    }

    /** Runs without a sign of life for longer than {@code timeout} that are not already being stopped. */
    public List<AgentRun> stalled(Duration timeout, Instant now) {
        if (timeout.isZero()) {
            return List.of();
        }
        return runs.values().stream()
                .filter(r -> !r.stopping() && r.lastSignOfLife().plus(timeout).isBefore(now)).toList();
    }

    /** Runs that have run longer than their agent's {@code max_runtime_minutes} and are not being stopped. */
    public List<AgentRun> overRuntime(Instant now) {
        return runs.values().stream().filter(r -> !r.stopping() && !r.agent().maxRuntime().isZero()
                && r.started().plus(r.agent().maxRuntime()).isBefore(now)).toList();
    }

    public void stop(AgentRun run, String reason) {
        run.terminate(reason, Instant.now().plus(KILL_AFTER));
    }

    /** Escalates overdue stops to SIGKILL. */
    public void tick(Instant now) {
        runs.values().forEach(r -> r.killIfOverdue(now));
    }

    public boolean isEmpty() {
        return runs.isEmpty();
    }

    /**
     * Sends {@code signal} to the process group the agent leads (only when agents are started with setsid, so
     * that the group is the agent's own and never the dispatcher's).
     */
    static void signalGroup(ProcessHandle leader, String signal) {
        if (NEW_SESSION.isEmpty() || KILL.isEmpty()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder(KILL.get(), "-s", signal, "--", "-" + leader.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the tree is signalled anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
