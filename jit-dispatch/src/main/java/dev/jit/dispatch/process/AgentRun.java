package dev.jit.dispatch.process;

import dev.jit.dispatch.config.AgentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One agent process working on one issue: a child this dispatcher started, or a process adopted from a
 * dispatcher that died (then its exit status cannot be known). Only the dispatcher loop thread changes it.
 */
public final class AgentRun {
    private final String issueId;
    private final AgentConfig agent;
    private final int attempt;
    private final ProcessHandle handle;
    private final Process child;
    private final Instant started;
    private final Path log;
    private final Path workspace;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final List<ProcessHandle> tree = new ArrayList<>();
    private String stopReason;
    private Instant killAt;

    AgentRun(String issueId, AgentConfig agent, int attempt, ProcessHandle handle, Process child, Instant started,
             Path log, Path workspace) {
        this.issueId = issueId;
        this.agent = agent;
        this.attempt = attempt;
        this.handle = handle;
        this.child = child;
        this.started = started;
        this.log = log;
        this.workspace = workspace;
    }

    public String issueId() {
        return issueId;
    }

    public AgentConfig agent() {
        return agent;
    }

    /** Which try of the issue this is: its failed runs before it, plus one. */
    public int attempt() {
        return attempt;
    }

    public long pid() {
        return handle.pid();
    }

    public ProcessId processId() {
        return ProcessId.of(handle);
    }

    public Instant started() {
        return started;
    }

    public Path log() {
        return log;
    }

    /** The run's git worktree, or null when it runs in the repository. */
    public Path workspace() {
        return workspace;
    }

    /** True for a process adopted from a previous dispatcher: its exit status is unknown. */
    public boolean adopted() {
        return child == null;
    }

    /** Why the dispatcher is stopping it ({@code stalled}, {@code dispatcher shutdown}), or null. */
    public String stopReason() {
        return stopReason;
    }

    /**
     * Completes once the process ended and, for a child, once its exit status is known (the child's own onExit:
     * the handle's may complete before the Process has recorded the status). Adopted processes are completed by
     * the supervisor's watcher.
     */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** The agent's own last lease heartbeat, if it sent any (the dispatcher's renewals are not counted). */
    private volatile Instant heartbeat;

    /** Exit status of a finished child; null for an adopted process. */
    Integer exitCode() {
        return child == null ? null : child.exitValue();
    }

    Process child() {
        return child;
    }

    ProcessHandle handle() {
        return handle;
    }

    /**
     * When the agent last showed a sign of life: its start or the last write to its log. The one place stall
     * detection asks; other signs (such as lease heartbeats) belong here too.
     */
    public Instant lastSignOfLife() {
        Instant latest = heartbeat != null && heartbeat.isAfter(started) ? heartbeat : started;
        try {
            Instant written = Files.getLastModifiedTime(log).toInstant();
            return written.isAfter(latest) ? written : latest;
        } catch (IOException e) {
            return latest;
        }
    }

    /** Records a lease heartbeat the agent itself sent ({@code jit issue heartbeat}): a sign of life. */
    public void heartbeatAt(Instant when) {
        if (heartbeat == null || when.isAfter(heartbeat)) {
            heartbeat = when;
        }
    }

    /**
     * Sends SIGTERM to the agent's process group (its session: agents start with setsid), which also reaches
     * children that left the process tree, and to every descendant; SIGKILL follows at {@code killAfter}.
     */
    void terminate(String reason, Instant killAfter) {
        stopReason = reason;
        killAt = killAfter;
        tree.add(handle);
        handle.descendants().forEach(tree::add);
        Supervisor.signalGroup(handle, "TERM");
        tree.forEach(ProcessHandle::destroy);
    }

    /** SIGKILLs what is left of the group and the tree once the grace after SIGTERM has passed. */
    void killIfOverdue(Instant now) {
        if (killAt == null || now.isBefore(killAt)) {
            return;
        }
        handle.descendants().forEach(tree::add);
        Supervisor.signalGroup(handle, "KILL");
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        killAt = null;
    }

    /** True once SIGTERM was sent. */
    public boolean stopping() {
        return stopReason != null;
    }
}
