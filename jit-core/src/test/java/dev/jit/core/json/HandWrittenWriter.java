package dev.jit.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The hand-written serde_json-style writer that Json used before its Jackson generator, kept only as the
 * oracle of {@link JsonWriterTest}: the store's files must come out exactly as it wrote them.
 */
final class HandWrittenWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private HandWrittenWriter() {
    }

    static String write(JsonNode node, boolean pretty) {
        StringBuilder out = new StringBuilder(256);
        writeNode(out, node, pretty ? 0 : -1);
        return out.toString();
    }

    /** {@code level} is the indentation depth, or -1 for compact output. */
    private static void writeNode(StringBuilder out, JsonNode node, int level) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                if (node.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append('{');
                boolean first = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    newline(out, level + 1, level);
                    writeString(out, e.getKey());
                    out.append(level < 0 ? ":" : ": ");
                    writeNode(out, e.getValue(), level < 0 ? -1 : level + 1);
                }
                newline(out, level, level);
                out.append('}');
            }
            case ARRAY -> {
                if (node.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append('[');
                for (int k = 0; k < node.size(); k++) {
                    if (k > 0) {
                        out.append(',');
                    }
                    newline(out, level + 1, level);
                    writeNode(out, node.get(k), level < 0 ? -1 : level + 1);
                }
                newline(out, level, level);
                out.append(']');
            }
            case STRING -> writeString(out, node.textValue());
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL, MISSING -> out.append("null");
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    out.append(node.canConvertToLong() ? Long.toString(node.longValue()) : node.bigIntegerValue().toString());
                } else {
                    out.append(node.decimalValue().toString());
                }
            }
            default -> writeString(out, node.asText());
        }
    }

    /** In pretty output ({@code mode} ≥ 0), a line break and {@code level} two-space indents. */
    private static void newline(StringBuilder out, int level, int mode) {
        if (mode >= 0) {
            out.append('\n');
            for (int k = 0; k < level; k++) {
                out.append("  ");
            }
        }
    }

    private static void writeString(StringBuilder out, String text) {
        out.append('"');
        int plain = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, plain, k);
            plain = k + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        out.append(text, plain, text.length()).append('"');
    }
}
