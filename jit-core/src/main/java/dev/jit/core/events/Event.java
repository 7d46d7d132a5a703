package dev.jit.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.internal.RandomUuids;
import dev.jit.core.internal.Timestamps;
import dev.jit.core.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One line of {@code events.jsonl}: {@code type}, {@code id}, {@code issue_id}, {@code timestamp}, then the
 * type's own fields, then {@code actor} when known. Unknown event types read back unchanged.
 *
 * @param offset byte offset of the line in the log (its position for resuming a stream), or -1
 */
public record Event(ObjectNode json, long offset) {

    public String type() {
        return json.path("type").asText();
    }

    public String id() {
        return json.path("id").asText();
    }

    public String issueId() {
        JsonNode n = json.get("issue_id");
        return n == null || n.isNull() ? null : n.asText();
    }

    public String timestamp() {
        return json.path("timestamp").asText();
    }

    /** The timestamp as an instant, or null when it is missing or not RFC 3339. */
    public Instant instant() {
        try {
            return Instant.parse(timestamp());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Starts a new event; add the type's fields to the returned node, then pass it to the transaction. */
    public static ObjectNode create(String type, String issueId) {
        ObjectNode n = Json.object();
        n.put("type", type);
        n.put("id", RandomUuids.next().toString());
        if (issueId != null) {
            n.put("issue_id", issueId);
        }
        n.put("timestamp", Timestamps.now());
        return n;
    }
}
