package dev.jit.server.http;

import dev.jit.core.Jit;

import dev.jit.core.json.Presentation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.json.Json;
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
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

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
        JsonBody body = JsonBody.read(ctx, Set.of("title", "description", "priority", "gates", "labels", "context"));
        String priority = body.text("priority");
        Issue created = written(() -> issues.create(new Issues.NewIssue(body.text("title"),
                body.text("description"), priority == null ? null : Priority.parse(priority), body.strings("gates"),
                body.strings("labels"), body.stringMap("context"))));
        // A new issue has no dependencies, so it is never blocked.
        ObjectNode json = Presentation.issue(created);
        json.put("blocked", false);
        ctx.header("Location", "/api/issues/" + created.id());
        Responses.json(ctx, 201, json);
    }

    void update(Context ctx) {
        JsonBody body = JsonBody.read(ctx, Set.of("title", "description", "priority", "state", "add_labels",
                "remove_labels", "context", "unset_context"));
        String priority = body.text("priority");
        String state = body.text("state");
        Issues.Edit edit = new Issues.Edit(body.text("title"), body.text("description"),
                priority == null ? null : Priority.parse(priority), state == null ? null : State.parse(state),
                body.strings("add_labels"), body.strings("remove_labels"), body.stringMap("context"),
                body.strings("unset_context"));
        respond(ctx, written(() -> issues.update(ctx.pathParam("id"), edit)));
    }

    void delete(Context ctx) {
        boolean force = Params.boolParam(ctx, "force");
        Issues.Deletion d = written(() -> issues.delete(List.of(ctx.pathParam("id")), force));
        ObjectNode json = Json.object();
        json.set("deleted", Json.toTree(d.deleted()));
        json.set("detached_dependents", Json.toTree(d.detachedDependents()));
        Responses.json(ctx, json);
    }

    void claim(Context ctx) {
        JsonBody body = JsonBody.read(ctx, Set.of("assignee"));
        String assignee = body.requiredText("assignee");
        respond(ctx, written(() -> issues.claim(ctx.pathParam("id"), assignee)));
    }

    void release(Context ctx) {
        JsonBody body = JsonBody.read(ctx, Set.of("reason"));
        String reason = body.requiredText("reason");
        respond(ctx, written(() -> issues.release(ctx.pathParam("id"), reason)));
    }

    void addDependency(Context ctx) {
        JsonBody body = JsonBody.read(ctx, Set.of("depends_on"));
        String target = body.requiredText("depends_on");
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
        JsonBody body = JsonBody.read(ctx, Set.of("by"));
        String by = body.text("by");
        respond(ctx, written(() -> gates.record(ctx.pathParam("id"), ctx.pathParam("key"), status, by)));
    }

    void claimNext(Context ctx) {
        JsonBody body = JsonBody.read(ctx, Set.of("assignee", "filter"));
        String assignee = body.requiredText("assignee");
        IssueFilter filter = IssueFilter.parse(body.text("filter"));
        respond(ctx, written(() -> issues.claimNext(assignee, filter)));
    }

    /** Runs a write; a failed one committed nothing (jit-core guarantees it), so only success invalidates. */
    private <T> T written(java.util.function.Supplier<T> write) {
        T result = write.get();
        cache.invalidate();
        return result;
    }

    private void respond(Context ctx, Outcome outcome) {
        respond(ctx, outcome.issue().id());
    }

    /** The issue as stored now, with its blocked flag (one small read of the issue and its dependencies). */
    private void respond(Context ctx, String id) {
        Queries.IssueView view = queries.show(id);
        ObjectNode json = Presentation.issue(view.issue());
        json.put("blocked", view.blocked());
        Responses.json(ctx, json);
    }
}
