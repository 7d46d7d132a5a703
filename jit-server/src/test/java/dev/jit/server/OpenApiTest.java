package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** /api/openapi.json describes every route the server actually registered, and every $ref resolves. */
class OpenApiTest {
    @Test
    void everyRegisteredRouteIsDescribed() throws Exception {
        try (ServerFixture fx = ServerFixture.start()) {
            JsonNode doc = fx.api.get("/api/openapi.json").json();
            assertThat(doc.path("openapi").asText()).startsWith("3.");
            List<String> registered = fx.server.registeredHandlers().stream()
                    .filter(h -> !h.startsWith("BEFORE ") && !h.startsWith("AFTER "))
                    .toList();
            assertThat(registered).hasSizeGreaterThan(20);
            List<String> missing = new ArrayList<>();
            for (String h : registered) {
                String method = h.substring(0, h.indexOf(' ')).toLowerCase(Locale.ROOT);
                String path = h.substring(h.indexOf(' ') + 1);
                JsonNode op = doc.path("paths").path(path).path(method);
                if (op.isMissingNode() || op.path("summary").asText().isBlank() || !op.has("responses")) {
                    missing.add(h);
                }
            }
            assertThat(missing).as("registered routes absent from openapi.json").isEmpty();

            // Nothing described that is not served.
            List<String> described = new ArrayList<>();
            doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                    .forEachRemaining(m -> described.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
            assertThat(registered).containsAll(described);

            List<String> refs = new ArrayList<>();
            collectRefs(doc, refs);
            for (String ref : refs) {
                String name = ref.substring("#/components/schemas/".length());
                assertThat(doc.path("components").path("schemas").has(name)).as(ref).isTrue();
            }
        }
    }

    private static void collectRefs(JsonNode n, List<String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), out);
                }
            });
        } else if (n.isArray()) {
            n.forEach(c -> collectRefs(c, out));
        }
    }
}
