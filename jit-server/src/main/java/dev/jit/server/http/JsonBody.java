package dev.jit.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.json.Json;
import dev.jit.server.error.ApiException;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A write request's JSON object body, read with a size cap and checked field by field: unknown fields and
 * wrong types are 400s naming the field, so a typo never silently does nothing.
 */
public final class JsonBody {
    public static final int MAX_BYTES = 1024 * 1024;
    /** How much of an oversized body is read and dropped so that its 413 reaches the client. */
    private static final long DRAIN_BYTES = 16L * 1024 * 1024;

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** Reads the body (an absent body is {@code {}}) and rejects fields outside {@code allowed}. */
    public static JsonBody read(Context ctx, Set<String> allowed) {
        byte[] bytes = readCapped(ctx);
        if (bytes.length == 0) {
            return new JsonBody(Json.object());
        }
        String type = ctx.header("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).strip().startsWith("application/json")) {
            throw ApiException.unsupportedMediaType(type);
        }
        JsonNode parsed;
        try {
            parsed = Json.parse(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("Request body cannot be read: " + e.getMessage());
        }
        if (!(parsed instanceof ObjectNode obj)) {
            throw ApiException.badRequest("Request body must be a JSON object");
        }
        Set<String> unknown = new TreeSet<>();
        obj.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ApiException(400, "INVALID_ARGUMENT", "Unknown field(s) " + unknown + "; allowed: "
                    + new TreeSet<>(allowed), Map.of("unknown", List.copyOf(unknown)));
        }
        return new JsonBody(obj);
    }

    private static byte[] readCapped(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > MAX_BYTES) {
                throw tooLarge(in);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > MAX_BYTES) {
                    throw tooLarge(in);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiException.badRequest("Request body cannot be read: " + e.getMessage());
        }
    }

    /**
     * The 413 for an oversized body, after reading (and dropping) the rest of it up to {@link #DRAIN_BYTES}:
     * closing a connection with unread request bytes makes the kernel send a reset, which can destroy the
     * 413 response before the client reads it.
     */
    private static ApiException tooLarge(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        long drained = 0;
        int n;
        while (drained < DRAIN_BYTES && (n = in.read(buf)) > 0) {
            drained += n;
        }
        return ApiException.payloadTooLarge(MAX_BYTES);
    }

    /** A string field; null if absent or JSON null. */
    public String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("Field '" + field + "' must be a string");
        }
        return v.asText();
    }

    public String requiredText(String field) {
        String v = text(field);
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest("Field '" + field + "' is required");
        }
        return v;
    }

    /** A list of strings; null if absent. */
    public List<String> strings(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw ApiException.badRequest("Field '" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw ApiException.badRequest("Field '" + field + "' must be an array of strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    /** An object of string values; null if absent. */
    public Map<String, String> stringMap(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw ApiException.badRequest("Field '" + field + "' must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : v.properties()) {
            if (!e.getValue().isTextual()) {
                throw ApiException.badRequest("Field '" + field + "." + e.getKey() + "' must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
