package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The web UI's event types ({@code jit-web/src/events.ts}) are generated from the OpenAPI event schemas, which
 * {@link EventSchemaTest} ties to the core's event records: the UI, the event log, the event API and the stream
 * describe one set of types. jit-web builds before this module, so the file is checked in; this test fails when
 * it differs from what the schemas give, and rewrites it when run with {@code -Djit.writeWebTypes=true}.
 */
class WebEventTypesTest {
    static final Path FILE = Path.of("..", "jit-web", "src", "events.ts");

    @Test
    void theWebUisEventTypesAreTheOpenApiEventSchemas() throws Exception {
        String generated = render(components());
        if (Boolean.getBoolean("jit.writeWebTypes")) {
            Files.writeString(FILE, generated);
        }
        assertThat(Files.readString(FILE))
                .as("%s is generated from openapi-components.json: regenerate it with "
                        + "mvn -pl jit-server test -Dtest=WebEventTypesTest -Djit.writeWebTypes=true", FILE)
                .isEqualTo(generated);
    }

    private static JsonNode components() throws Exception {
        try (InputStream in = dev.jit.server.openapi.OpenApi.class.getResourceAsStream("openapi-components.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            return root.has("schemas") ? root.get("schemas") : root;
        }
    }

    static String render(JsonNode schemas) {
        StringBuilder out = new StringBuilder();
        out.append("// Generated from jit-server's openapi-components.json by WebEventTypesTest. Do not edit.\n");
        out.append("import type { Priority, State } from './types';\n");
        List<String> known = new ArrayList<>();
        String unknown = null;
        for (JsonNode ref : schemas.path("Event").path("anyOf")) {
            String name = ref.path("$ref").asText().replace("#/components/schemas/", "");
            JsonNode schema = schemas.path(name);
            JsonNode type = schema.at("/properties/type/enum/0");
            out.append("\n/** ").append(schema.path("description").asText()).append(" */\n");
            out.append("export interface ").append(name).append(" {\n");
            for (var it = schema.path("properties").fields(); it.hasNext(); ) {
                var field = it.next();
                boolean required = contains(schema.path("required"), field.getKey());
                String description = field.getValue().path("description").asText("");
                if (!description.isEmpty()) {
                    out.append("  /** ").append(description).append(" */\n");
                }
                out.append("  ").append(field.getKey()).append(required ? ": " : "?: ")
                        .append(tsType(field.getValue())).append(";\n");
            }
            if (type.isMissingNode()) {
                unknown = name;
                out.append("  [field: string]: unknown;\n");
            } else {
                known.add(name);
            }
            out.append("}\n");
        }
        out.append("\n/** Every event type this version knows. */\n");
        out.append("export type KnownEvent =\n");
        for (int i = 0; i < known.size(); i++) {
            out.append("  | ").append(known.get(i)).append(i == known.size() - 1 ? ";\n" : "\n");
        }
        out.append("\n/** One line of the event log, as the event API and the event stream serve it. */\n");
        out.append("export type JitEvent = KnownEvent").append(unknown == null ? "" : " | " + unknown)
                .append(";\n");
        out.append("\nexport const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set([\n");
        for (String name : known) {
            out.append("  '").append(schemas.path(name).at("/properties/type/enum/0").asText()).append("',\n");
        }
        out.append("]);\n");
        out.append("\n/** Whether `e` is of a type this version knows (its fields then have their types). */\n");
        out.append("export function isKnownEvent(e: JitEvent): e is KnownEvent {\n");
        out.append("  return KNOWN_EVENT_TYPES.has(e.type);\n");
        out.append("}\n");
        return out.toString();
    }

    private static String tsType(JsonNode s) {
        String ref = s.path("$ref").asText("");
        if (!ref.isEmpty()) {
            return ref.replace("#/components/schemas/", "");
        }
        String base;
        if (s.has("enum")) {
            List<String> literals = new ArrayList<>();
            s.get("enum").forEach(v -> literals.add("'" + v.asText() + "'"));
            base = String.join(" | ", literals);
        } else {
            switch (s.path("type").asText("")) {
                case "string" -> base = "string";
                case "integer", "number" -> base = "number";
                case "boolean" -> base = "boolean";
                case "array" -> base = arrayOf(tsType(s.path("items")));
                case "object" -> base = objectType(s);
                default -> base = "unknown";
            }
        }
        return s.path("nullable").asBoolean() ? base + " | null" : base;
    }

    private static String arrayOf(String element) {
        return element.matches("[A-Za-z]+") ? element + "[]" : "Array<" + element + ">";
    }

    private static String objectType(JsonNode s) {
        if (s.path("properties").size() > 0) {
            List<String> fields = new ArrayList<>();
            for (var it = s.get("properties").fields(); it.hasNext(); ) {
                var f = it.next();
                fields.add(f.getKey() + (contains(s.path("required"), f.getKey()) ? ": " : "?: ")
                        + tsType(f.getValue()));
            }
            return "{ " + String.join("; ", fields) + " }";
        }
        JsonNode values = s.path("additionalProperties");
        return "Record<string, " + (values.isObject() ? tsType(values) : "unknown") + ">";
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode v : array) {
            if (v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theGeneratorRendersEachSchemaShape() throws Exception {
        JsonNode schemas = new ObjectMapper().readTree("""
                {"Event": {"anyOf": [{"$ref": "#/components/schemas/Sample"}, {"$ref": "#/components/schemas/Other"}]},
                 "Sample": {"description": "A sample.", "required": ["type", "n"], "properties": {
                   "type": {"type": "string", "enum": ["sample"]},
                   "n": {"type": "integer", "description": "a count"},
                   "tags": {"type": "array", "items": {"type": "string"}},
                   "state": {"$ref": "#/components/schemas/State"},
                   "who": {"type": "string", "nullable": true},
                   "changes": {"type": "object", "additionalProperties": {"type": "object", "required": ["from"],
                     "properties": {"from": {}, "to": {}}}}}},
                 "Other": {"description": "Anything else.", "required": ["type"], "properties": {
                   "type": {"type": "string"}}}}
                """);
        String ts = render(schemas);
        assertThat(ts).contains("""
                /** A sample. */
                export interface Sample {
                  type: 'sample';
                  /** a count */
                  n: number;
                  tags?: string[];
                  state?: State;
                  who?: string | null;
                  changes?: Record<string, { from: unknown; to?: unknown }>;
                }
                """);
        assertThat(ts).contains("export interface Other {\n  type: string;\n  [field: string]: unknown;\n}");
        assertThat(ts).contains("export type KnownEvent =\n  | Sample;\n");
        assertThat(ts).contains("export type JitEvent = KnownEvent | Other;");
        assertThat(ts).contains("new Set([\n  'sample',\n]);");
    }
}
