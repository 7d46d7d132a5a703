package dev.jit.server.error;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.error.JitException;
import dev.jit.core.json.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into {@code {"error":{"code","message","details"}}} with the right status. Only
 * unexpected exceptions are logged with a stack trace; responses never carry one, nor an absolute path of the
 * server's (the one place every error body passes: {@link PathScrubber}).
 */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final PathScrubber scrubber;

    public ErrorResponses(PathScrubber scrubber) {
        this.scrubber = scrubber;
    }

    public void register(RoutesConfig routes) {
        routes.exception(JitException.class, (e, ctx) -> write(ctx, e));
        routes.exception(ApiException.class, (e, ctx) ->
                write(ctx, e.status(), e.code(), e.getMessage(), e.details(), List.of()));
        routes.exception(HttpResponseException.class, (e, ctx) ->
                write(ctx, e.getStatus(), codeFor(e.getStatus()), messageFor(e, ctx), Map.of(), List.of()));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            write(ctx, 500, "GENERIC", "Internal server error; details are in the server log", Map.of(), List.of());
        });
    }

    /** A jit-core failure with the status of its code. */
    private void write(Context ctx, JitException e) {
        write(ctx, e.code().httpStatus(), e.code().name(), e.getMessage(), e.details(), e.suggestions());
    }

    public void write(Context ctx, int status, String code, String message, Map<String, ?> details,
                      List<String> suggestions) {
        ctx.status(status).contentType(CONTENT_TYPE).result(body(code, scrubber.scrub(message),
                scrubber.scrub(details), scrubber.scrub(suggestions)));
    }

    static String body(String code, String message, Map<String, ?> details, List<String> suggestions) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.set("details", Json.toTree(details));
        if (!suggestions.isEmpty()) {
            error.set("suggestions", Json.toTree(suggestions));
        }
        return Json.compact(body);
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 503 -> "UNAVAILABLE";
            default -> status >= 500 ? "GENERIC" : "HTTP_" + status;
        };
    }

    private static String messageFor(HttpResponseException e, Context ctx) {
        if (e.getStatus() == 404) {
            return "No such endpoint: " + ctx.method() + " " + ctx.path();
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? "HTTP " + e.getStatus() : e.getMessage();
    }
}
