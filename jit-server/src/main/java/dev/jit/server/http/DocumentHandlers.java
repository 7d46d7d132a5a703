package dev.jit.server.http;

import dev.jit.core.Jit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.Documents;
import dev.jit.core.json.Json;
import dev.jit.server.error.ApiException;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * {@code /api/issues/{id}/documents/{path}/content|history|diff} over jit-core's Documents: only paths
 * the issue references are read, from committed git history. {@code {path}} is one URL segment, so a path
 * with '/' is sent percent-encoded (as the web client does).
 */
public final class DocumentHandlers {
    private final Documents documents;

    public DocumentHandlers(Jit jit) {
        this.documents = jit.documents();
    }

    void content(Context ctx) {
        String commit = ctx.queryParam("commit");
        Documents.Content c = documents.show(ctx.pathParam("id"), ctx.pathParam("path"),
                commit == null || commit.isBlank() ? null : commit, false);
        ObjectNode body = Json.object();
        body.put("path", c.reference().path()).put("commit", c.commit()).put("content", c.text())
                .put("content_type", contentType(c.reference().path()));
        Responses.json(ctx, body);
    }

    void history(Context ctx) {
        String path = ctx.pathParam("path");
        ObjectNode body = Json.object();
        ArrayNode commits = Json.array();
        for (Documents.Commit c : documents.history(ctx.pathParam("id"), path)) {
            commits.addObject().put("commit", c.shortSha()).put("sha", c.sha()).put("author", c.author())
                    .put("date", c.date()).put("message", c.message());
        }
        body.put("path", documents.reference(ctx.pathParam("id"), path).path());
        body.set("commits", commits);
        Responses.json(ctx, body);
    }

    void diff(Context ctx) {
        String from = ctx.queryParam("from");
        if (from == null || from.isBlank()) {
            throw ApiException.badRequest("Parameter 'from' is required");
        }
        String to = ctx.queryParam("to");
        Documents.Diff d = documents.diff(ctx.pathParam("id"), ctx.pathParam("path"), from,
                to == null || to.isBlank() ? "HEAD" : to, false);
        ObjectNode body = Json.object();
        body.put("path", d.path()).put("from", d.from()).put("to", d.to()).put("diff", d.text());
        Responses.json(ctx, body);
    }

    private static String contentType(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".md")) {
            return "text/markdown";
        }
        return p.endsWith(".json") ? "application/json" : "text/plain";
    }
}
