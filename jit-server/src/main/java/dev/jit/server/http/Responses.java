package dev.jit.server.http;

import dev.jit.core.json.Json;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/** JSON responses written with jit-core's JSON writer. */
final class Responses {
    static final String JSON = "application/json; charset=utf-8";

    private Responses() {
    }

    /** {@code body}: a JsonNode or plain values (maps, lists, strings, numbers), as jit-core's Json accepts. */
    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType(JSON).result(Json.compact(body).getBytes(StandardCharsets.UTF_8));
    }

    static void json(Context ctx, Object body) {
        json(ctx, 200, body);
    }
}
