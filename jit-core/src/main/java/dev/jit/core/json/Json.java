package dev.jit.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * JSON reading and writing for the whole product.
 *
 * <p>Trees are read and written with Jackson's streaming API only: building an {@link ObjectMapper} costs
 * more start-up time than most {@code jit} commands take in total, so the CLI never creates one. Pretty
 * output matches the reference tool byte for byte: 2-space indentation, {@code "key": value}, one array
 * element per line, {@code []} and {@code {}} for empty containers.
 */
public final class Json {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** Jackson's streaming factory for parsers and generators; lower-case hex in unicode escapes, as serde_json. */
    private static final class Factory {
        static final JsonFactory JSON = new JsonFactoryBuilder().disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build();
    }

    /** A full ObjectMapper, created on first use, for callers that bind Java objects (e.g. the server). */
    public static ObjectMapper mapper() {
        return MapperHolder.MAPPER;
    }

    private static final class MapperHolder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Pretty JSON with a trailing newline, as every file in the store is written. */
    public static String pretty(Object value) {
        return write(toTree(value), true) + "\n";
    }

    /** One line of JSON, as event log lines are written. */
    public static String compact(Object value) {
        return write(toTree(value), false);
    }

    /**
     * Writes {@code node} through Jackson's generator in serde_json's format: {@code "key": value}, two-space
     * indents, one array element per line, {@code {}} and {@code []} when empty (see {@link SerdePrettyPrinter}).
     * Jackson's own escaping already is serde_json's (short escapes for backspace, tab, newline, form feed,
     * carriage return, quote and backslash, other control characters as six-character unicode escapes,
     * everything else as is) once its hex digits are lower case, so no custom character escapes are needed.
     * A character-based generator: it leaves surrogate pairs as they are for the caller's UTF-8 encoding.
     */
    static String write(JsonNode node, boolean pretty) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = Factory.JSON.createGenerator(out)) {
            if (pretty) {
                g.setPrettyPrinter(new SerdePrettyPrinter());
            }
            writeNode(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void writeNode(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    g.writeFieldName(e.getKey());
                    writeNode(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (int k = 0; k < node.size(); k++) {
                    writeNode(g, node.get(k));
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL, MISSING -> g.writeNull();
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    if (node.canConvertToLong()) {
                        g.writeNumber(node.longValue());
                    } else {
                        g.writeNumber(node.bigIntegerValue());
                    }
                } else {
                    // BigDecimal's form (0.1, 1.0E+21), not Double.toString's: what the store has always written.
                    g.writeNumber(node.decimalValue());
                }
            }
            default -> g.writeString(node.asText());
        }
    }

    public static JsonNode parse(byte[] bytes) throws IOException {
        try (JsonParser p = Factory.JSON.createParser(bytes)) {
            return readDocument(p);
        }
    }

    public static JsonNode parse(byte[] bytes, int offset, int length) throws IOException {
        try (JsonParser p = Factory.JSON.createParser(bytes, offset, length)) {
            return readDocument(p);
        }
    }

    public static JsonNode parse(String text) {
        try (JsonParser p = Factory.JSON.createParser(text)) {
            return readDocument(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readDocument(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "empty document");
        }
        JsonNode node = readValue(p, first);
        if (p.nextToken() != null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "trailing content after the JSON value");
        }
        return node;
    }

    private static JsonNode readValue(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                ObjectNode obj = NODES.objectNode();
                JsonToken next;
                while ((next = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    obj.set(name, readValue(p, p.nextToken()));
                }
                if (next != JsonToken.END_OBJECT) {
                    throw new com.fasterxml.jackson.core.JsonParseException(p, "unterminated object");
                }
                return obj;
            }
            case START_ARRAY -> {
                ArrayNode arr = NODES.arrayNode();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (next == null) {
                        throw new com.fasterxml.jackson.core.JsonParseException(p, "unterminated array");
                    }
                    arr.add(readValue(p, next));
                }
                return arr;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + t);
        }
    }

    /**
     * Converts plain values to a tree: JsonNode, Map (string keys), Collection, String, Number, Boolean,
     * Enum (its name in lower case) and null. Anything else is a programming error. Keys of unordered maps
     * come out sorted.
     */
    public static JsonNode toTree(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode n) {
            return n;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof BigInteger i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        }
        if (value instanceof Enum<?> e) {
            return NODES.textNode(e.toString());
        }
        if (value instanceof Map<?, ?> m) {
            ObjectNode obj = NODES.objectNode();
            // Maps without an order of their own (Map.of, HashMap) iterate differently from run to run:
            // sort their keys so the same data always prints the same JSON.
            Map<?, ?> ordered = m instanceof LinkedHashMap || m instanceof SortedMap ? m : new TreeMap<>(m);
            for (Map.Entry<?, ?> e : ordered.entrySet()) {
                obj.set(String.valueOf(e.getKey()), toTree(e.getValue()));
            }
            return obj;
        }
        if (value instanceof Collection<?> c) {
            ArrayNode arr = NODES.arrayNode();
            for (Object v : c) {
                arr.add(toTree(v));
            }
            return arr;
        }
        throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
}
