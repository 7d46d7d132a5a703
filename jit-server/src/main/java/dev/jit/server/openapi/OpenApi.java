package dev.jit.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.json.Json;
import dev.jit.server.http.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3 document: paths come from the live route table (so every registered route is described),
 * schemas from the hand-written {@code openapi-components.json}.
 */
public final class OpenApi {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-z_]+)}");

    private OpenApi() {
    }

    public static ObjectNode document(List<Route> routes, String version) {
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "JIT issue tracker API");
        info.put("version", version);
        info.put("description", "Reads are open. Writes, and every webhook route, need 'Authorization: Bearer "
                + "<token>' (JIT_API_TOKEN or --token-file); without a configured token they answer 403. Bodies are "
                + "JSON, at most 1 MiB. Errors are {\"error\":{\"code\",\"message\",\"details\"}}. Issue ids accept a unique prefix "
                + "of 4+ characters.");
        ObjectNode paths = doc.putObject("paths");
        for (Route r : routes) {
            ObjectNode item = paths.has(r.path()) ? (ObjectNode) paths.get(r.path()) : paths.putObject(r.path());
            item.set(r.method().name().toLowerCase(Locale.ROOT), operation(r));
        }
        ObjectNode components = loadComponents();
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
        doc.set("components", components);
        return doc;
    }

    private static ObjectNode operation(Route r) {
        ObjectNode op = Json.object();
        op.put("summary", r.summary());
        op.put("operationId", r.method().name().toLowerCase(Locale.ROOT) + r.path()
                .replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+(.)", "_$1").replaceAll("^_", ""));
        ArrayNode params = op.putArray("parameters");
        Matcher m = PATH_PARAM.matcher(r.path());
        while (m.find()) {
            params.addObject().put("name", m.group(1)).put("in", "path").put("required", true)
                    .putObject("schema").put("type", "string");
        }
        for (String q : r.query()) {
            params.addObject().put("name", q).put("in", "query").put("required", q.equals("q")
                    && r.path().equals("/api/search")).putObject("schema").put("type", "string");
        }
        if (r.requestSchema() != null) {
            op.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
                    .putObject("schema").put("$ref", "#/components/schemas/" + r.requestSchema());
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject(Integer.toString(r.successStatus()));
        ok.put("description", "Success");
        if (r.responseSchema().startsWith("text/")) {
            ok.putObject("content").putObject(r.responseSchema()).putObject("schema").put("type", "string");
        } else {
            ok.putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/" + r.responseSchema());
        }
        for (int status : r.errors()) {
            error(responses, status, description(r, status));
        }
        if (r.write()) {
            op.putArray("security").addObject().putArray("bearer");
            error(responses, 401, "Missing or wrong bearer token");
            error(responses, 403, "Writes are disabled: no API token configured");
            if (r.requestSchema() != null) {
                error(responses, 413, "Body larger than 1 MiB");
                error(responses, 415, "Body is not application/json");
            }
        }
        return op;
    }

    private static String description(Route r, int status) {
        return switch (status) {
            case 400 -> "Invalid parameter or body";
            case 404 -> r.path().startsWith("/api/webhooks/") ? "No webhook endpoint with that id"
                    : r.path().contains("{path}") ? "No such issue, document reference, revision or file at "
                    + "that revision" : r.path().contains("{id}") ? "No issue with that id (or prefix), or no such "
                    + "gate or dependency" : "Nothing found (an unknown gate, no ready issue)";
            case 406 -> "The Accept header does not allow text/event-stream";
            case 409 -> r.path().startsWith("/api/webhooks") ? "The id is taken, the endpoint limit (64) is reached, "
                    + "or the endpoint is defined in the webhooks file" : "Conflict (already claimed, cycle, has dependents)";
            case 422 -> "Rule violation (e.g. done while blocked, gate not required)";
            case 503 -> "The store cannot be locked or read";
            default -> throw new IllegalArgumentException("No description for status " + status);
        };
    }

    private static void error(ObjectNode responses, int status, String description) {
        ObjectNode e = responses.putObject(Integer.toString(status));
        e.put("description", description);
        e.putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/Error");
    }

    private static ObjectNode loadComponents() {
        try (InputStream in = OpenApi.class.getResourceAsStream("openapi-components.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi-components.json missing from the jar");
            }
            JsonNode n = Json.parse(in.readAllBytes());
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
