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
 */
public record RunningRecord(String issueId, String agentId, long pid, String processStart, String startedAt,
                            ProcessId owner, boolean kept, int attempt, String log) {

    public RunningRecord withProcess(long newPid, String newProcessStart, String newStartedAt, String newLog) {
        return new RunningRecord(issueId, agentId, newPid, newProcessStart, newStartedAt, owner, kept, attempt, newLog);
    }

    public RunningRecord ownedBy(ProcessId newOwner, boolean newKept) {
        return new RunningRecord(issueId, agentId, pid, processStart, startedAt, newOwner, newKept, attempt, log);
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
        return n;
    }

    public static RunningRecord fromJson(JsonNode n) {
        return new RunningRecord(n.path("issue_id").asText(), n.path("agent_id").asText(), n.path("pid").asLong(),
                text(n, "process_start"), text(n, "started_at"),
                new ProcessId(n.path("owner_pid").asLong(), text(n, "owner_start")), n.path("kept").asBoolean(),
                Math.max(1, n.path("attempt").asInt(1)), text(n, "log"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
