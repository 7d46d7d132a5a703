package dev.jit.server.http;

import dev.jit.core.Jit;

import dev.jit.core.Presentation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.model.GateStatus;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.core.query.IssueFilter;
import dev.jit.core.Dependencies;
import dev.jit.core.Gates;
import dev.jit.core.Issues;
import dev.jit.core.model.Outcome;
import dev.jit.core.Queries;
import dev.jit.server.cache.SnapshotCache;
import dev.jit.server.http.requests.AddDependencyRequest;
import dev.jit.server.http.requests.ClaimNextRequest;
import dev.jit.server.http.requests.ClaimRequest;
import dev.jit.server.http.requests.CreateIssueRequest;
import dev.jit.server.http.requests.EditIssueRequest;
import dev.jit.server.http.requests.GateCheckRequest;
import dev.jit.server.http.requests.GateResultRequest;
import dev.jit.server.http.requests.HeartbeatRequest;
import dev.jit.server.http.requests.ReleaseRequest;
import dev.jit.server.http.responses.DeletionResponse;
import io.javalin.http.Context;
import dev.jit.server.error.ApiException;
import java.time.Duration;
import java.util.List;

/**
 * Write endpoints: parse the body, call one jit-core service (same rules, locks and events as the CLI),
 * answer with the issue as it is now. Authentication happens before these run (see {@link Routes}).
 */
public final class WriteHandlers {
    private final Issues issues;
    private final Dependencies dependencies;
    private final Gates gates;
    private final Queries queries;
    private final SnapshotCache cache;

    public WriteHandlers(Jit jit, SnapshotCache cache) {
        this.issues = jit.issues();
        this.dependencies = jit.dependencies();
        this.gates = jit.gates();
        this.queries = jit.queries();
        this.cache = cache;
    }

    void create(Context ctx) {
        CreateIssueRequest body = JsonBody.read(ctx, CreateIssueRequest.class);
        Issue created = written(() -> issues.create(new Issues.NewIssue(body.title(), body.description(),
                body.priority() == null ? null : Priority.parse(body.priority()), body.gates(), body.labels(),
                body.context(), body.dependencies())));
        ctx.header("Location", "/api/issues/" + created.id());
        Responses.json(ctx, 201, stored(created.id()));
    }

    void update(Context ctx) {
        EditIssueRequest body = JsonBody.read(ctx, EditIssueRequest.class);
        Issues.Edit edit = new Issues.Edit(body.title(), body.description(),
                body.priority() == null ? null : Priority.parse(body.priority()),
                body.state() == null ? null : State.parse(body.state()), body.addLabels(), body.removeLabels(),
                body.context(), body.unsetContext(), body.assignee(), Boolean.TRUE.equals(body.unassign()),
                body.addGates(), body.removeGates());
        Gates.Checks checks = Params.boolParam(ctx, "no_check") ? Gates.Checks.DEFERRED : Gates.Checks.RUN;
        respond(ctx, written(() -> issues.update(List.of(ctx.pathParam("id")), edit, checks).get(0)));
    }

    void delete(Context ctx) {
        boolean force = Params.boolParam(ctx, "force");
        Issues.Deletion d = written(() -> issues.delete(List.of(ctx.pathParam("id")), force));
        Responses.json(ctx, new DeletionResponse(d.deleted(), d.detachedDependents()));
    }

    void claim(Context ctx) {
        ClaimRequest body = JsonBody.read(ctx, ClaimRequest.class);
        String assignee = JsonBody.required(body.assignee(), "assignee");
        Duration ttl = ttl(body.ttlSecs());
        respond(ctx, written(() -> issues.claim(ctx.pathParam("id"), assignee, ttl)));
    }

    void heartbeat(Context ctx) {
        String holder = JsonBody.required(JsonBody.read(ctx, HeartbeatRequest.class).holder(), "holder");
        respond(ctx, written(() -> issues.heartbeat(ctx.pathParam("id"), holder)).id());
    }

    private static Duration ttl(Long seconds) {
        if (seconds != null && seconds < 0) {
            throw new ApiException(400, "INVALID_ARGUMENT", "ttl_secs must be 0 (no lease) or more seconds");
        }
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    void release(Context ctx) {
        String reason = JsonBody.required(JsonBody.read(ctx, ReleaseRequest.class).reason(), "reason");
        respond(ctx, written(() -> issues.release(ctx.pathParam("id"), reason)));
    }

    void addDependency(Context ctx) {
        String target = JsonBody.required(JsonBody.read(ctx, AddDependencyRequest.class).dependsOn(), "depends_on");
        Dependencies.DepResult r = written(() -> dependencies.add(ctx.pathParam("id"), target));
        respond(ctx, r.fromId());
    }

    void removeDependency(Context ctx) {
        Dependencies.DepResult r = written(() -> dependencies.remove(ctx.pathParam("id"), ctx.pathParam("dep")));
        respond(ctx, r.fromId());
    }

    void passGate(Context ctx) {
        recordGate(ctx, GateStatus.PASSED);
    }

    void failGate(Context ctx) {
        recordGate(ctx, GateStatus.FAILED);
    }

    private void recordGate(Context ctx, GateStatus status) {
        GateResultRequest body = JsonBody.read(ctx, GateResultRequest.class);
        respond(ctx, written(() -> gates.record(ctx.pathParam("id"), ctx.pathParam("key"), status, body.by(),
                body.reason())));
    }

    /** Runs checkers (holding no lock meanwhile): 200 with every run, whether or not they passed. */
    void checkGates(Context ctx) {
        List<String> keys = JsonBody.read(ctx, GateCheckRequest.class).gates();
        Gates.Check check = written(() -> gates.check(ctx.pathParam("id"), keys == null ? List.of() : keys,
                Gates.Progress.NONE));
        Responses.json(ctx, Presentation.gateCheck(check));
    }

    void claimNext(Context ctx) {
        ClaimNextRequest body = JsonBody.read(ctx, ClaimNextRequest.class);
        String assignee = JsonBody.required(body.assignee(), "assignee");
        IssueFilter filter = IssueFilter.parse(body.filter());
        Duration ttl = ttl(body.ttlSecs());
        respond(ctx, written(() -> issues.claimNext(assignee, filter, ttl)));
    }

    /**
     * Runs a write; a failed one committed nothing (jit-core guarantees it), so only success invalidates, and
     * GATE_FAILED: the failing checker runs were committed (the issue is left gated) before the change was refused.
     */
    private <T> T written(java.util.function.Supplier<T> write) {
        T result;
        try {
            result = write.get();
        } catch (JitException e) {
            if (e.code() == ErrorCode.GATE_FAILED) {
                cache.invalidate();
            }
            throw e;
        }
        cache.invalidate();
        return result;
    }

    private void respond(Context ctx, Outcome outcome) {
        respond(ctx, outcome.issue().id());
    }

    private void respond(Context ctx, String id) {
        Responses.json(ctx, stored(id));
    }

    /** The issue as stored now, with its blocked flag (one small read of the issue and its dependencies). */
    private ObjectNode stored(String id) {
        Queries.IssueView view = queries.show(id);
        ObjectNode json = Presentation.issue(view.issue());
        json.put("blocked", view.blocked());
        return json;
    }
}
