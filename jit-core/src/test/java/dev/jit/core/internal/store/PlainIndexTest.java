package dev.jit.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Jackson-free reading of index.json agrees with the JSON parser and leaves anything unusual to it. */
class PlainIndexTest {
    @Test
    void readsWhatRenderIndexWrites() throws Exception {
        for (List<String> ids : List.of(List.<String>of(), List.of("a"),
                List.of("2b1e4e1a-809b-4de2-ac4d-e3671109a782", "x_y.z-1", "b9a94128-e257-418b-b177-aac64acda661"))) {
            for (int version : new int[]{1, 2, 10, 123}) {
                byte[] bytes = StoreFiles.renderIndex(StoreFiles.Index.of(version, ids, Map.of()));
                StoreFiles.Index plain = StoreFiles.parsePlainIndex(bytes);
                JsonNode json = Json.parse(bytes);
                List<String> jsonIds = new ArrayList<>();
                json.path("all_ids").forEach(n -> jsonIds.add(n.asText()));
                assertThat(plain).isNotNull();
                assertThat(plain.ids()).isEqualTo(jsonIds).isEqualTo(ids);
                assertThat(plain.schemaVersion()).isEqualTo(json.path("schema_version").asInt(1)).isEqualTo(version);
                assertThat(plain.extra()).isEmpty();
            }
        }
    }

    @Test
    void leavesOtherFormsToTheJsonParser() {
        String canonical = "{\n  \"schema_version\": 1,\n  \"all_ids\": [\n    \"a\",\n    \"b\"\n  ]\n}\n";
        assertThat(StoreFiles.parsePlainIndex(bytes(canonical))).isNotNull();
        for (String other : new String[]{
                canonical.replace("\n}\n", ",\n  \"extra\": true\n}\n"),
                canonical.replace("[\n    \"a\",", "[\"a\","),
                canonical.replace("\"a\"", "\"a\\u0041\""),
                canonical.replace("\"a\"", "\"\u00e9\""),
                canonical.replace(": 1,", ": 01,"),
                canonical.replace(": 1,", ": -1,"),
                canonical.replace("\n}\n", "\n}"),
                canonical + " ",
                "{\n  \"all_ids\": [],\n  \"schema_version\": 1\n}\n",
                "", "{}"}) {
            assertThat(StoreFiles.parsePlainIndex(bytes(other))).as(other).isNull();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
