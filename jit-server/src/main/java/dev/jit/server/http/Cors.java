package dev.jit.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * Cross-origin access to /api for listed origins only (off by default: the UI is same-origin behind nginx).
 * Preflight requests from an allowed origin are answered here with 204.
 */
public final class Cors {
    private final List<String> origins;

    public Cors(List<String> origins) {
        this.origins = origins;
    }

    public void register(RoutesConfig routes) {
        if (origins.isEmpty()) {
            return;
        }
        routes.before("/api/*", this::apply);
    }

    private void apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || !(origins.contains("*") || origins.contains(origin))) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Vary", "Origin");
        ctx.header("Access-Control-Expose-Headers", "Location");
        if (ctx.method() == HandlerType.OPTIONS) {
            ctx.header("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS");
            ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, Last-Event-ID");
            ctx.header("Access-Control-Max-Age", "600");
            ctx.status(204);
            ctx.skipRemainingHandlers();
        }
    }
}
