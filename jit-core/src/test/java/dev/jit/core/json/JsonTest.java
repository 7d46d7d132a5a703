package dev.jit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.TestStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void prettyUsesSerdeStyle() {
        ObjectNode n = Json.object();
        n.put("a", 1);
        n.putArray("b");
        n.putObject("c");
        n.putArray("d").add("x").add("y");
        ObjectNode e = n.putObject("e");
        e.putNull("f");
        e.put("g", true);
        n.putArray("h").addObject().put("i", "j\n\"k\"");

        assertThat(Json.pretty(n)).isEqualTo("""
                {
                  "a": 1,
                  "b": [],
                  "c": {},
                  "d": [
                    "x",
                    "y"
                  ],
                  "e": {
                    "f": null,
                    "g": true
                  },
                  "h": [
                    {
                      "i": "j\\n\\"k\\""
                    }
                  ]
                }
                """);
    }

    /** serde_json escapes control characters with lowercase hex and leaves everything else (é, /, emoji) raw. */
    @Test
    void stringEscapesMatchSerde() throws IOException {
        ObjectNode n = Json.object();
        n.put("s", "esc\u001b[31m tab\t nl\n cr\r bs\b ff\f nul\u0000 us\u001f vt\u000b del\u007f é / \uD83D\uDE00 \\ \"");
        String expected = "{\"s\":\"esc\\u001b[31m tab\\t nl\\n cr\\r bs\\b ff\\f nul\\u0000 us\\u001f vt\\u000b"
                + " del\u007f é / \uD83D\uDE00 \\\\ \\\"\"}";
        assertThat(Json.compact(n)).isEqualTo(expected);
        assertThat(Json.pretty(n)).isEqualTo("{\n  \"s\": " + expected.substring(5, expected.length() - 1) + "\n}\n");
    }

    @Test
    void emptyRootContainersAndTrailingNewline() {
        assertThat(Json.pretty(Json.object())).isEqualTo("{}\n");
        assertThat(Json.pretty(List.of())).isEqualTo("[]\n");
    }

    @Test
    void compactIsOneLine() {
        ObjectNode n = Json.object();
        n.put("type", "x");
        n.putArray("l").add(1).add(2);
        assertThat(Json.compact(n)).isEqualTo("{\"type\":\"x\",\"l\":[1,2]}");
    }

    /**
     * Every JSON file the reference tool wrote, parsed and written again, gives the same bytes (serde writes no
     * trailing newline, the store does), and so does every line of its event log in compact form.
     */
    @Test
    void sampleStoreFilesRenderByteForByte() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(TestStores.SAMPLE_STORE)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(13);
        for (Path f : files) {
            byte[] original = Files.readAllBytes(f);
            String text = new String(original, StandardCharsets.UTF_8);
            byte[] expected = (text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8);
            assertThat(Json.pretty(Json.parse(original)).getBytes(StandardCharsets.UTF_8)).as(f.toString())
                    .isEqualTo(expected);
        }
        List<String> events = Files.readAllLines(TestStores.SAMPLE_STORE.resolve("events.jsonl"), StandardCharsets.UTF_8);
        assertThat(events).hasSizeGreaterThanOrEqualTo(10);
        for (String line : events) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            assertThat(Json.compact(Json.parse(bytes)).getBytes(StandardCharsets.UTF_8)).as(line).isEqualTo(bytes);
        }
    }
}
