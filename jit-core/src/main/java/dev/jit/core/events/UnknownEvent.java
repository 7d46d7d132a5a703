package dev.jit.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/**
 * A line of the log that is no typed event: a type this version does not know (another tool's, a newer
 * version's), or a known type whose fields are not the ones, the kinds or the order JIT writes. It is kept as
 * read and written back unchanged; its header is what the line says, as far as it says it.
 */
public record UnknownEvent(ObjectNode json) implements JitEvent {
    public UnknownEvent {
        Objects.requireNonNull(json, "json");
    }

    @Override
    public String type() {
        return json.path("type").asText();
    }

    @Override
    public EventHeader header() {
        return new EventHeader(json.path("id").asText(), textOrNull(json.get("issue_id")),
                json.path("timestamp").asText(), textOrNull(json.get("actor")), Map.of());
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
