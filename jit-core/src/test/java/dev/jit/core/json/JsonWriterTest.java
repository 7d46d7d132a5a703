package dev.jit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Json's Jackson generator prints exactly what the hand-written writer it replaced printed ({@link
 * HandWrittenWriter}, the oracle), pretty and compact, for hand-picked and arbitrary trees.
 */
class JsonWriterTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Example
    void samplesMatchTheHandWrittenWriter() {
        ObjectNode n = Json.object();
        n.put("text", "plain ünïcödé ✓ \uD83D\uDE00 \"quoted\" back\\slash / tab\t nl\n cr\r ff\f bs\b nul\0 esc\u001b"
                + " del\u007f ls\u2028 ps\u2029 lone\uD800 \uDC00");
        n.putObject("empty_object");
        n.putArray("empty_array");
        n.putNull("null");
        n.put("yes", true).put("no", false);
        n.put("int", 42).put("negative", -7L).put("long", Long.MAX_VALUE).put("min", Long.MIN_VALUE);
        n.put("big", new BigInteger("-123456789012345678901234567890"));
        n.put("double", 0.1).put("exp", 1e21).put("tiny", 1e-7).put("decimal", new BigDecimal("3.14159"));
        n.put("float", 2.5f).put("whole_double", 2.0);
        ArrayNode nested = n.putArray("nested");
        nested.add(1).add("two").addObject().put("three", 3).putArray("four").add(Json.array()).add(Json.object());
        n.set("\"odd\nkey\"", Json.array().add("x"));
        assertSameAsOracle(n);
        assertSameAsOracle(Json.array());
        assertSameAsOracle(Json.object());
        assertSameAsOracle(NODES.textNode("just a string"));
        assertSameAsOracle(NODES.numberNode(7));
        assertSameAsOracle(NODES.nullNode());
    }

    /** Deeper than the pretty printer's one-piece indentation (32 levels). */
    @Example
    void deepNestingIndentsEveryLevel() {
        JsonNode deep = Json.object().put("leaf", "x");
        for (int k = 0; k < 45; k++) {
            deep = k % 2 == 0 ? Json.array().add(deep).add(k) : Json.object().set("k" + k, deep);
        }
        assertSameAsOracle(deep);
        assertThat(Json.pretty(deep)).contains("\n" + " ".repeat(92) + "\"leaf\": \"x\"\n");
    }

    @Property(tries = 1000)
    void arbitraryTreesMatchTheHandWrittenWriter(@ForAll("trees") JsonNode tree) {
        assertSameAsOracle(tree);
    }

    @Property(tries = 2000)
    void arbitraryStringsMatchTheHandWrittenWriter(@ForAll("texts") String text) {
        assertSameAsOracle(NODES.textNode(text));
        assertSameAsOracle(Json.object().put(text, text));
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        return Arbitraries.recursive(this::scalars, this::containersOf, 0, 4);
    }

    private Arbitrary<JsonNode> containersOf(Arbitrary<JsonNode> element) {
        Arbitrary<JsonNode> arrays = element.list().ofMaxSize(4).map(values -> {
            ArrayNode a = Json.array();
            values.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(texts(), element).as(Map::entry).list().ofMaxSize(4)
                .map(entries -> {
                    ObjectNode o = Json.object();
                    entries.forEach(e -> o.set(e.getKey(), e.getValue()));
                    return o;
                });
        return Arbitraries.oneOf(arrays, objects, element);
    }

    private Arbitrary<JsonNode> scalars() {
        return Arbitraries.oneOf(List.of(
                texts().map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.floats().map(NODES::numberNode),
                Arbitraries.bigDecimals().ofScale(6).map(NODES::numberNode),
                Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode())));
    }

    /**
     * Strings of any UTF-16 code units (lone surrogates included), mixed with runs of the characters whose
     * escaping matters (control characters, quote, backslash, slash, DEL, U+2028/2029) and non-BMP code points.
     */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(6),
                Arbitraries.strings().withCharRange('\u0000', '\u001f')
                        .withChars('"', '\\', '/', '\u007f', '\u2028', '\u2029', 'a', 'é').ofMaxLength(6),
                Arbitraries.integers().between(Character.MIN_SUPPLEMENTARY_CODE_POINT, Character.MAX_CODE_POINT)
                        .map(Character::toString));
        return piece.list().ofMaxSize(4).map(pieces -> String.join("", pieces));
    }

    private static void assertSameAsOracle(JsonNode node) {
        assertThat(Json.write(node, true)).isEqualTo(HandWrittenWriter.write(node, true));
        assertThat(Json.write(node, false)).isEqualTo(HandWrittenWriter.write(node, false));
    }
}
