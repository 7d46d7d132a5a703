package dev.jit.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.json.Json;
import dev.jit.core.model.DocumentReference;
import dev.jit.core.model.Issue;
import dev.jit.server.cache.SnapshotCache;
import dev.jit.server.docs.GitDocuments;
import dev.jit.server.error.ApiException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/issues/{id}/documents/{path}/content|history|diff}: only paths the issue references are read
 * ({@code {path}} is one segment, so a path with '/' is sent percent-encoded, as the web client does).
 */
public final class DocumentHandlers {
    private final SnapshotCache cache;
    private final GitDocuments git;

    public DocumentHandlers(SnapshotCache cache, GitDocuments git) {
        this.cache = cache;
        this.git = git;
    }

    void content(Context ctx) {
        DocumentReference ref = reference(ctx);
        String commit = ctx.queryParam("commit");
        String revision = commit != null && !commit.isBlank() ? commit : ref.commit() != null ? ref.commit() : "HEAD";
        GitDocuments.Content c = git.content(ref.path(), revision);
        ObjectNode body = Json.object();
        body.put("path", c.path()).put("commit", c.commit()).put("content", c.content())
                .put("content_type", c.contentType());
        Responses.json(ctx, body);
    }

    void history(Context ctx) {
        DocumentReference ref = reference(ctx);
        ObjectNode body = Json.object();
        body.put("path", ref.path());
        ArrayNode commits = body.putArray("commits");
        for (GitDocuments.Commit c : git.history(ref.path())) {
            commits.addObject().put("commit", c.commit()).put("author", c.author()).put("date", c.date())
                    .put("message", c.message());
        }
        Responses.json(ctx, body);
    }

    void diff(Context ctx) {
        DocumentReference ref = reference(ctx);
        String from = ctx.queryParam("from");
        if (from == null || from.isBlank()) {
            throw ApiException.badRequest("Parameter 'from' is required");
        }
        String to = ctx.queryParam("to");
        to = to == null || to.isBlank() ? "HEAD" : to;
        ObjectNode body = Json.object();
        body.put("path", ref.path()).put("from", from).put("to", to).put("diff", git.diff(ref.path(), from, to));
        Responses.json(ctx, body);
    }

    private DocumentReference reference(Context ctx) {
        Issue issue = cache.get().resolve(ctx.pathParam("id"));
        String path = ctx.pathParam("path");
        GitDocuments.requireSafePath(path);
        return issue.documents().stream().filter(d -> d.path().equals(path)).findFirst()
                .orElseThrow(() -> new JitException(ErrorCode.DOCUMENT_NOT_FOUND,
                        "Document reference " + path + " not found in issue " + issue.id(),
                        Map.of("issue_id", issue.id(), "path", path),
                        List.of("Add it with 'jit doc add " + issue.id() + " " + path + "'")));
    }
}
