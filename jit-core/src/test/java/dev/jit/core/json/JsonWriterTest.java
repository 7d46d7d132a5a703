package dev.jit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written writer prints exactly what a Jackson generator set up for serde_json's format (the
 * writer it replaced, kept here as the oracle) prints, for hand-picked and random trees.
 */
class JsonWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void samplesMatchJacksonWithSerdeFormatting() throws Exception {
        ObjectNode n = Json.object();
        n.put("text", "plain ünïcödé ✓ \uD83D\uDE00 \"quoted\" back\\slash / tab\t nl\n cr\r ff\f bs\b nul\0 esc\u001b del\u007f");
        n.putObject("empty_object");
        n.putArray("empty_array");
        n.putNull("null");
        n.put("yes", true).put("no", false);
        n.put("int", 42).put("negative", -7L).put("long", Long.MAX_VALUE);
        n.put("big", new BigInteger("123456789012345678901234567890"));
        n.put("double", 0.1).put("exp", 1e21).put("decimal", new BigDecimal("3.14159"));
        ArrayNode nested = n.putArray("nested");
        nested.add(1).add("two").addObject().put("three", 3).putArray("four").add(Json.array()).add(Json.object());
        n.set("\"odd\nkey\"", Json.array().add("x"));
        assertSame(n);
        assertSame(Json.array());
        assertSame(Json.object());
        assertSame(MAPPER.readTree("\"just a string\""));
    }

    @Test
    void randomTreesMatchJacksonWithSerdeFormatting() throws Exception {
        Random random = new Random(42);
        for (int k = 0; k < 300; k++) {
            assertSame(randomNode(random, 0));
        }
    }

    private static JsonNode randomNode(Random random, int depth) {
        int kind = depth > 3 ? 2 + random.nextInt(4) : random.nextInt(6);
        switch (kind) {
            case 0 -> {
                ObjectNode o = Json.object();
                for (int k = random.nextInt(4); k > 0; k--) {
                    o.set(randomText(random), randomNode(random, depth + 1));
                }
                return o;
            }
            case 1 -> {
                ArrayNode a = Json.array();
                for (int k = random.nextInt(4); k > 0; k--) {
                    a.add(randomNode(random, depth + 1));
                }
                return a;
            }
            case 2 -> {
                return MAPPER.getNodeFactory().textNode(randomText(random));
            }
            case 3 -> {
                return MAPPER.getNodeFactory().numberNode(random.nextLong() >> random.nextInt(64));
            }
            case 4 -> {
                return MAPPER.getNodeFactory().numberNode(random.nextGaussian() * 1000);
            }
            default -> {
                return random.nextBoolean() ? MAPPER.getNodeFactory().booleanNode(random.nextBoolean())
                        : MAPPER.getNodeFactory().nullNode();
            }
        }
    }

    private static String randomText(Random random) {
        StringBuilder s = new StringBuilder();
        for (int k = random.nextInt(12); k > 0; k--) {
            int pick = random.nextInt(10);
            s.append(pick < 5 ? (char) ('a' + random.nextInt(26)) : pick < 8 ? (char) random.nextInt(0x80)
                    : (char) (0x80 + random.nextInt(0x3000)));
        }
        return s.toString();
    }

    private static void assertSame(JsonNode node) throws Exception {
        assertThat(Json.write(node, true)).isEqualTo(jackson(node, true));
        assertThat(Json.write(node, false)).isEqualTo(jackson(node, false));
    }

    /** The replaced writer: Jackson's generator with serde_json's escapes and pretty printing. */
    private static String jackson(JsonNode node, boolean pretty) throws Exception {
        StringWriter sw = new StringWriter();
        JsonFactory factory = new JsonFactory().setCharacterEscapes(new SerdeEscapes());
        try (JsonGenerator g = factory.createGenerator(sw)) {
            if (pretty) {
                Separators separators = Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator("");
                DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
                DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators).withObjectIndenter(indenter);
                printer.indentArraysWith(indenter);
                g.setPrettyPrinter(printer);
            }
            write(g, node);
        }
        return sw.toString();
    }

    private static void write(JsonGenerator g, JsonNode node) throws Exception {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (var it = node.fields(); it.hasNext(); ) {
                    var e = it.next();
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode child : node) {
                    write(g, child);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL, MISSING -> g.writeNull();
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    g.writeNumber(node.bigIntegerValue());
                } else {
                    g.writeNumber(node.decimalValue());
                }
            }
            default -> g.writeString(node.asText());
        }
    }

    private static final class SerdeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] codes = standardAsciiEscapesForJSON();

        SerdeEscapes() {
            for (int c = 0; c < 0x20; c++) {
                if (codes[c] == ESCAPE_STANDARD) {
                    codes[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return codes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch < 0x20 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
