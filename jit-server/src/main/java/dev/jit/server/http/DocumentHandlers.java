package dev.jit.server.http;

import dev.jit.core.Jit;

import dev.jit.core.Documents;
import dev.jit.server.error.ApiException;
import dev.jit.server.http.responses.DocumentContentResponse;
import dev.jit.server.http.responses.DocumentDiffResponse;
import dev.jit.server.http.responses.DocumentHistoryResponse;
import io.javalin.http.Context;
import java.util.List;
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
        Responses.json(ctx, new DocumentContentResponse(c.reference().path(), c.commit(), c.text(),
                contentType(c.reference().path())));
    }

    void history(Context ctx) {
        String path = ctx.pathParam("path");
        List<DocumentHistoryResponse.Commit> commits = documents.history(ctx.pathParam("id"), path).stream()
                .map(c -> new DocumentHistoryResponse.Commit(c.shortSha(), c.sha(), c.author(), c.date(), c.message()))
                .toList();
        Responses.json(ctx, new DocumentHistoryResponse(documents.reference(ctx.pathParam("id"), path).path(),
                commits));
    }

    void diff(Context ctx) {
        String from = ctx.queryParam("from");
        if (from == null || from.isBlank()) {
            throw ApiException.badRequest("Parameter 'from' is required");
        }
        String to = ctx.queryParam("to");
        Documents.Diff d = documents.diff(ctx.pathParam("id"), ctx.pathParam("path"), from,
                to == null || to.isBlank() ? "HEAD" : to, false);
        Responses.json(ctx, new DocumentDiffResponse(d.path(), d.from(), d.to(), d.text()));
    }

    private static String contentType(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".md")) {
            return "text/markdown";
        }
        return p.endsWith(".json") ? "application/json" : "text/plain";
    }
}
