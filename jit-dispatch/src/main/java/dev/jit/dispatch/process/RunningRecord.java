package dev.jit.dispatch.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.json.Json;

/**
 * What {@code <store>/dispatch/running/<issue>.json} says about one claimed issue: which agent has it, which
 * try of the issue it is and where its run log is, which process runs it (absent between the claim and the
 * start), and which dispatcher owns it. Processes are named by pid plus start time, so a recycled pid is never
 * mistaken for the agent.
 *
 * @param pid the agent process, or 0 before it started (or when it never ran: a kept orphan)
 * @param kept true for an orphan kept under {@code on_orphan = "keep"}: it holds a slot but has no process
 * @param attempt the issue's failed runs before this one, plus one
 * @param log the run's log file, or null before it started
 * @param workspace the run's git worktree, or null when it runs in the repository
 */
public record RunningRecord(String issueId, String agentId, long pid, String processStart, String startedAt,
                            ProcessId owner, boolean kept, int attempt, String log, String workspace) {

    /** A claimed issue whose agent has not started yet. */
    public static RunningRecord claimed(String issueId, String agentId, ProcessId owner, int attempt) {
        return new RunningRecord(issueId, agentId, 0, null, null, owner, false, attempt, null, null);
    }

    public RunningRecord withProcess(long newPid, String newProcessStart, String newStartedAt, String newLog,
                                     String newWorkspace) {
        return new RunningRecord(issueId, agentId, newPid, newProcessStart, newStartedAt, owner, kept, attempt, newLog,
                newWorkspace);
    }

    public RunningRecord ownedBy(ProcessId newOwner, boolean newKept) {
        return new RunningRecord(issueId, agentId, pid, processStart, startedAt, newOwner, newKept, attempt, log,
                workspace);
    }

    public ProcessId process() {
        return new ProcessId(pid, processStart);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("issue_id", issueId);
        n.put("agent_id", agentId);
        n.put("pid", pid);
        n.put("process_start", processStart);
        n.put("started_at", startedAt);
        n.put("owner_pid", owner.pid());
        n.put("owner_start", owner.start());
        n.put("kept", kept);
        n.put("attempt", attempt);
        n.put("log", log);
        n.put("workspace", workspace);
        return n;
    }

    public static RunningRecord fromJson(JsonNode n) {
        return new RunningRecord(n.path("issue_id").asText(), n.path("agent_id").asText(), n.path("pid").asLong(),
                text(n, "process_start"), text(n, "started_at"),
                new ProcessId(n.path("owner_pid").asLong(), text(n, "owner_start")), n.path("kept").asBoolean(),
                Math.max(1, n.path("attempt").asInt(1)), text(n, "log"), text(n, "workspace"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
