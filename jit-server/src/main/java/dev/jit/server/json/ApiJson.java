package dev.jit.server.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.jit.server.error.ApiException;
import java.io.IOException;

/**
 * The API's one Jackson mapper: request bodies bind to the records in {@code http.requests} and responses
 * serialise from the records in {@code http.responses}, with snake_case names on the wire. Binding is strict:
 * an unknown field, a duplicate key, trailing content, a null inside a list or map, or a value of the wrong
 * JSON type (1 for a string, "5" for a number, a string for a list) fails instead of being coerced.
 */
public final class ApiJson {
    public static final ObjectMapper MAPPER = strictMapper();

    private ApiJson() {
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .build();
        // Jackson turns a JSON number or boolean into a Java String unless told not to (ALLOW_COERCION_OF_SCALARS
        // only covers the other direction), and a string into a one-element list or an empty one.
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        for (LogicalType container : new LogicalType[] {LogicalType.Collection, LogicalType.Map}) {
            mapper.coercionConfigFor(container).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        return mapper;
    }

    /**
     * {@code bytes} as a JSON object, parsed as strictly as a request body (no duplicate keys, nothing after
     * the value); otherwise a 400 whose one-line message starts with {@code what} (also used for config files).
     */
    public static ObjectNode parseObject(byte[] bytes, String what) {
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest(what + " cannot be read: " + e.getMessage());
        }
        if (parsed == null || parsed.isMissingNode()) {
            throw ApiException.badRequest(what + " is not valid JSON: no value, only white space");
        }
        if (!(parsed instanceof ObjectNode obj)) {
            throw ApiException.badRequest(what + " must be a JSON object");
        }
        return obj;
    }
}
