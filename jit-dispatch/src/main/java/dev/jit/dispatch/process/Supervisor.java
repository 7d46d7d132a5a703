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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * Starts agent processes, watches them and stops them. Exits are queued (and {@code onExit} is called from
 * the JDK's process reaper) and collected by the dispatcher loop with {@link #drainExits()}, so every
 * decision about an issue happens on that one thread.
 */
public final class Supervisor {
    /** How long a process has between SIGTERM and SIGKILL. */
    public static final Duration KILL_AFTER = Duration.ofSeconds(5);
    /**
     * Agents run in a session of their own (setsid execs in place, so the pid stays the agent's), so a Ctrl-C
     * or a signal sent to the dispatcher's process group reaches only the dispatcher, which then stops its
     * agents the graceful way.
     */
    private static final List<String> NEW_SESSION = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(p -> Files.isExecutable(Path.of(p))).findFirst().map(List::of).orElse(List.of());

    /** An agent process that ended. {@code exitCode} is null when unknown (an adopted process). */
    public record Exit(AgentRun run, Integer exitCode, Duration ran) {
    }

    private final Path workDir;
    private final Path logDir;
    private final Runnable onExit;
    private final Map<String, AgentRun> runs = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<AgentRun> ended = new ConcurrentLinkedQueue<>();

    public Supervisor(Path workDir, Path dispatchDir, Runnable onExit) {
        this.workDir = workDir;
        this.logDir = dispatchDir.resolve("logs");
        this.onExit = onExit;
    }

    public Path logFile(String issueId) {
        return logDir.resolve(issueId + ".log");
    }

    /**
     * Starts {@code argv} with the JIT_* environment, stdin from /dev/null and stdout+stderr appended to the
     * issue's log.
     */
    public AgentRun start(String issueId, AgentConfig agent, List<String> argv, Map<String, String> env)
            throws IOException {
        Files.createDirectories(logDir);
        Path log = logFile(issueId);
        List<String> command = new ArrayList<>(NEW_SESSION);
        command.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        AgentRun run = new AgentRun(issueId, agent, p.toHandle(), p, Instant.now(), log);
        track(run);
        return run;
    }

    /** Watches a process a dead dispatcher started. */
    public AgentRun adopt(String issueId, AgentConfig agent, ProcessHandle handle, Instant started) {
        AgentRun run = new AgentRun(issueId, agent, handle, null, started, logFile(issueId));
        track(run);
        return run;
    }

    private void track(AgentRun run) {
        runs.put(run.issueId(), run);
        run.onExit().thenRun(() -> {
            ended.add(run);
            onExit.run();
        });
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

    /** Runs without output for longer than {@code timeout} that are not already being stopped. */
    public List<AgentRun> stalled(Duration timeout, Instant now) {
        if (timeout.isZero()) {
            return List.of();
        }
        return runs.values().stream()
                .filter(r -> !r.stopping() && r.lastActivity().plus(timeout).isBefore(now)).toList();
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
}
