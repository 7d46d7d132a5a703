package dev.jit.server.http;

import dev.jit.server.json.ApiJson;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.json.Json;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * JSON responses written with jit-core's JSON writer (the product's one byte format). A response record from
 * {@code http.responses} becomes a tree through {@link ApiJson#MAPPER} first, which gives its snake_case names.
 */
final class Responses {
    static final String JSON = "application/json; charset=utf-8";

    private Responses() {
    }

    /** {@code body}: a JsonNode (such as an issue from jit-core's codec) or a response record. */
    static void json(Context ctx, int status, Object body) {
        JsonNode tree = body instanceof JsonNode node ? node : ApiJson.MAPPER.valueToTree(body);
        ctx.status(status).contentType(JSON).result(Json.compact(tree).getBytes(StandardCharsets.UTF_8));
    }

    static void json(Context ctx, Object body) {
        json(ctx, 200, body);
    }
}
