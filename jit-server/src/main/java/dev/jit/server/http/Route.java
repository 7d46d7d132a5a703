package dev.jit.server.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * One API endpoint: what Javalin registers and what the OpenAPI document describes, from the same record.
 *
 * @param write          needs a bearer token (and, with a body, JSON): every write, and the webhook routes'
 *                       reads
 * @param requestSchema  component name of the JSON body, or null
 * @param responseSchema component name of the success body
 * @param query          names of the query parameters it reads
 * @param errors         the error statuses its own checks and jit-core answer (400, 404, 409, 422...); those
 *                       every write shares (401, 403, and 413 and 415 with a body) are not listed
 */
public record Route(HandlerType method, String path, String summary, boolean write, int successStatus,
                    String requestSchema, String responseSchema, List<String> query, List<Integer> errors,
                    Handler handler) {

    public static Route read(String path, String summary, String responseSchema, List<String> query,
                             List<Integer> errors, Handler handler) {
        return new Route(HandlerType.GET, path, summary, false, 200, null, responseSchema, query, errors, handler);
    }

    public static Route write(HandlerType method, String path, String summary, int status, String requestSchema,
                       String responseSchema, List<String> query, List<Integer> errors, Handler handler) {
        return new Route(method, path, summary, true, status, requestSchema, responseSchema, query, errors, handler);
    }
}
