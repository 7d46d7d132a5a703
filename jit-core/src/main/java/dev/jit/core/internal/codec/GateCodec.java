package dev.jit.core.internal.codec;

import dev.jit.core.json.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.model.Gate;
import java.util.Map;
import java.util.Set;

/** Converts gate definitions to and from their JSON form, keeping fields this version does not model. */
public final class GateCodec {
    private static final Set<String> KNOWN = Set.of("key", "title", "description", "auto", "example_integration");

    private GateCodec() {
    }

    public static Gate fromJson(String key, JsonNode node) {
        Map<String, JsonNode> extra = IssueCodec.extras(node, KNOWN);
        return new Gate(IssueCodec.text(node, "key", key), IssueCodec.text(node, "title", key),
                IssueCodec.text(node, "description", ""), node.path("auto").asBoolean(false),
                IssueCodec.text(node, "example_integration", null), extra);
    }

    public static ObjectNode toJson(Gate gate) {
        ObjectNode n = Json.object();
        // Fields a newer version wrote before "key" (e.g. "version") keep their place in front.
        gate.extra().forEach((k, v) -> {
            if (k.equals("version")) {
                n.set(k, v);
            }
        });
        n.put("key", gate.key());
        n.put("title", gate.title());
        n.put("description", gate.description());
        gate.extra().forEach((k, v) -> {
            if (!k.equals("version")) {
                n.set(k, v);
            }
        });
        n.put("auto", gate.auto());
        n.put("example_integration", gate.exampleIntegration());
        return n;
    }
}
