package dev.jit.core;

import dev.jit.core.json.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.error.JitException;
import dev.jit.core.internal.Timestamps;
import dev.jit.core.internal.codec.GateCodec;
import dev.jit.core.internal.codec.IssueCodec;
import dev.jit.core.model.BlockReason;
import dev.jit.core.internal.store.GateRunFiles;
import dev.jit.core.model.Gate;
import dev.jit.core.model.GateRun;
import dev.jit.core.model.Issue;
import dev.jit.core.model.StateChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of every value JIT shows, one definition for the CLI's {@code --json}, the REST API and MCP:
 * an issue is its on-disk JSON (unknown fields included), plus derived fields where a view adds them
 * ({@code blocked}, {@code blocked_reasons}, {@code state_changes}); the CLI's and MCP's envelope is
 * {@code {"success","data","metadata"}} or {@code {"success":false,"error":{…},"metadata"}}.
 */
public final class Presentation {
    private Presentation() {
    }

    /** An issue as stored. */
    public static ObjectNode issue(Issue issue) {
        return IssueCodec.toJson(issue);
    }

    /** An issue with its derived {@code blocked} flag. */
    public static ObjectNode issue(Issue issue, boolean blocked) {
        ObjectNode n = IssueCodec.toJson(issue);
        n.put("blocked", blocked);
        return n;
    }

    /**
     * A leased claim as {@code jit query leases} and {@code GET /api/leases} list it: {@code issue_id},
     * {@code title}, {@code state} and the lease's fields ({@code holder}, {@code ttl_secs}, {@code acquired_at},
     * {@code expires_at}, {@code last_beat}).
     */
    public static ObjectNode lease(Issue issue) {
        ObjectNode n = Json.object();
        n.put("issue_id", issue.id());
        n.put("title", issue.title());
        n.put("state", issue.state().wire());
        n.setAll((ObjectNode) IssueCodec.toJson(issue).get("lease"));
        return n;
    }

    /** {@link #issue(Issue, boolean)} of each view. */
    public static List<ObjectNode> issues(List<Queries.IssueView> views) {
        List<ObjectNode> out = new ArrayList<>(views.size());
        for (Queries.IssueView v : views) {
            out.add(issue(v.issue(), v.blocked()));
        }
        return out;
    }

    /** A changed issue plus every state change the command caused ({@code state_changes}). */
    public static ObjectNode outcome(Issue issue, List<StateChange> changes) {
        ObjectNode n = IssueCodec.toJson(issue);
        ArrayNode list = n.putArray("state_changes");
        for (StateChange c : changes) {
            list.addObject().put("from", c.from().wire()).put("issue_id", c.issueId()).put("to", c.to().wire());
        }
        return n;
    }

    /** A blocked issue with every reason ({@code blocked_reasons}). */
    public static ObjectNode blocked(Issue issue, List<BlockReason> reasons) {
        ObjectNode n = IssueCodec.toJson(issue);
        n.set("blocked_reasons", blockReasons(reasons));
        return n;
    }

    /** Why issues are blocked: {@code [{"type","target","status","detail"}…]}. */
    public static ArrayNode blockReasons(List<BlockReason> reasons) {
        return IssueCodec.blockReasons(reasons);
    }

    /** A gate definition of the registry. */
    public static ObjectNode gate(Gate gate) {
        return GateCodec.toJson(gate);
    }

    /** A gate-run record, exactly as {@code gate-runs/<run_id>/result.json} holds it. */
    public static ObjectNode gateRun(GateRun run) {
        return GateRunFiles.toJson(run);
    }

    /**
     * What {@code gate check} did: {@code {"issue_id", "status": "passed"|"failed", "runs": [records], "issue":
     * the issue with its state_changes}}; {@code status} is failed when any run did not pass.
     */
    public static ObjectNode gateCheck(Gates.Check check) {
        ObjectNode n = Json.object();
        n.put("issue_id", check.issue().id());
        n.put("status", check.passed() ? "passed" : "failed");
        ArrayNode runs = n.putArray("runs");
        for (GateRun run : check.runs()) {
            runs.add(gateRun(run));
        }
        n.set("issue", outcome(check.issue(), check.stateChanges()));
        return n;
    }

    /** The success envelope around {@code data} (a JsonNode or plain values). */
    public static ObjectNode success(Object data) {
        ObjectNode env = Json.object();
        env.put("success", true);
        env.set("data", Json.toTree(data));
        env.set("metadata", metadata());
        return env;
    }

    /** The failure envelope: code, message, details, suggestions and the CLI's exit code. */
    public static ObjectNode failure(JitException e) {
        ObjectNode env = Json.object();
        env.put("success", false);
        ObjectNode err = env.putObject("error");
        err.put("code", e.code().name());
        err.put("message", e.getMessage());
        if (!e.details().isEmpty()) {
            err.set("details", Json.toTree(e.details()));
        }
        if (!e.suggestions().isEmpty()) {
            ArrayNode s = err.putArray("suggestions");
            for (String suggestion : e.suggestions()) {
                s.add(suggestion);
            }
        }
        err.put("exit_code", e.code().exitCode());
        env.set("metadata", metadata());
        return env;
    }

    private static ObjectNode metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("timestamp", Timestamps.now());
        m.put("version", Version.VALUE);
        return (ObjectNode) Json.toTree(m);
    }
}
