package dev.jit.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.jit.core.json.Json;
import io.javalin.http.Context;

/** JSON responses written with the shared jit-core mapper. */
final class Responses {
    static final String JSON = "application/json; charset=utf-8";

    private Responses() {
    }

    static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType(Responses.JSON).result(Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise response", e);
        }
    }

    static void json(Context ctx, Object body) {
        json(ctx, 200, body);
    }
}
