package dev.jit.server.http;

import dev.jit.server.json.ApiJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.server.error.ApiException;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A write request's JSON object body, read with a size cap and bound to its record in {@code http.requests}
 * by the strict {@link ApiJson#MAPPER}: unknown fields and wrong types are 400s naming the field, so a typo
 * never silently does nothing.
 */
public final class JsonBody {
    public static final int MAX_BYTES = 1024 * 1024;
    /** How much of an oversized body is read and dropped so that its 413 reaches the client. */
    private static final long DRAIN_BYTES = 16L * 1024 * 1024;

    private JsonBody() {
    }

    /** Reads the body (an absent body is {@code {}}) into {@code type}, a record of strings, lists and maps. */
    public static <T> T read(Context ctx, Class<T> type) {
        byte[] bytes = readCapped(ctx);
        if (bytes.length == 0) {
            return bind(ApiJson.MAPPER.createObjectNode(), type);
        }
        String contentType = ctx.header("Content-Type");
        if (contentType == null
                || !contentType.toLowerCase(java.util.Locale.ROOT).strip().startsWith("application/json")) {
            throw ApiException.unsupportedMediaType(contentType);
        }
        // The tree first, so that malformed JSON is reported as such before its shape or its fields.
        return bind(ApiJson.parseObject(bytes, "Request body"), type);
    }

    /** {@code value}, or a 400 naming {@code field} if it is absent or blank. */
    public static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("Field '" + field + "' is required");
        }
        return value;
    }

    private static <T> T bind(ObjectNode body, Class<T> type) {
        try {
            return ApiJson.MAPPER.treeToValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw unknownFields(body, e.getKnownPropertyIds());
        } catch (MismatchedInputException e) {
            throw ApiException.badRequest(wrongType(e));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Request body cannot be read: " + e.getOriginalMessage());
        }
    }

    /** Every unknown field of the body, not only the first one Jackson met. */
    private static ApiException unknownFields(ObjectNode body, Collection<Object> known) {
        Set<String> allowed = new TreeSet<>();
        known.forEach(k -> allowed.add(k.toString()));
        Set<String> unknown = new TreeSet<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                unknown.add(f);
            }
        });
        return new ApiException(400, "INVALID_ARGUMENT", "Unknown field(s) " + unknown + "; allowed: " + allowed,
                Map.of("unknown", List.copyOf(unknown)));
    }

    /**
     * The field a type mismatch is about and what it must be. Request records hold only strings, lists of
     * strings and maps of strings, so the path is a field, a field and an index, or a field and a key.
     */
    private static String wrongType(MismatchedInputException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty()) {
            return "Request body must be a JSON object";
        }
        String field = path.get(0).getFieldName();
        if (path.size() > 1) {
            String key = path.get(1).getFieldName();
            return key != null ? "Field '" + field + "." + key + "' must be a string"
                    : "Field '" + field + "' must be an array of strings";
        }
        Class<?> target = e.getTargetType();
        if (target != null && Collection.class.isAssignableFrom(target)) {
            return "Field '" + field + "' must be an array of strings";
        }
        if (target != null && Map.class.isAssignableFrom(target)) {
            return "Field '" + field + "' must be an object of strings";
        }
        return "Field '" + field + "' must be a string";
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
}
