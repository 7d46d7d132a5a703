package dev.jit.server.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.json.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What one endpoint has done, as saved in {@code cache/webhooks/<id>.state.json} after every attempt: the cursor
 * (the log position after the last event delivered or passed over, and the last delivered event's id and
 * offset, to notice a log that was replaced), totals, and the last {@link #LOG_SIZE} attempts. Only its worker
 * changes it; readers take a copy under its lock.
 */
final class EndpointState {
    static final int LOG_SIZE = 100;

    long position;
    String lastEventId;
    long lastEventOffset = -1;
    long delivered;
    long failedAttempts;
    final Deque<Attempt> log = new ArrayDeque<>();

    /**
     * One delivery attempt.
     *
     * @param status the HTTP status answered, or null when there was no answer ({@code error} says why)
     */
    record Attempt(String deliveryId, String eventId, String eventType, long eventOffset, int attempt, String at,
                   Integer status, String error, long durationMs, boolean delivered) {
        ObjectNode toJson() {
            ObjectNode n = Json.object();
            n.put("delivery_id", deliveryId);
            n.put("event_id", eventId);
            n.put("event_type", eventType);
            n.put("event_offset", eventOffset);
            n.put("attempt", attempt);
            n.put("at", at);
            if (status == null) {
                n.putNull("status");
            } else {
                n.put("status", status);
            }
            if (error == null) {
                n.putNull("error");
            } else {
                n.put("error", error);
            }
            n.put("duration_ms", durationMs);
            n.put("delivered", delivered);
            return n;
        }

        static Attempt fromJson(JsonNode n) {
            return new Attempt(n.path("delivery_id").asText(), n.path("event_id").asText(),
                    n.path("event_type").asText(), n.path("event_offset").asLong(), n.path("attempt").asInt(),
                    n.path("at").asText(), n.path("status").isInt() ? n.path("status").intValue() : null,
                    n.path("error").isTextual() ? n.path("error").textValue() : null, n.path("duration_ms").asLong(),
                    n.path("delivered").asBoolean());
        }
    }

    void record(Attempt a) {
        log.addLast(a);
        while (log.size() > LOG_SIZE) {
            log.removeFirst();
        }
        if (a.delivered()) {
            delivered++;
        } else {
            failedAttempts++;
        }
    }

    /** The last {@code limit} attempts, newest first. */
    List<Attempt> recent(int limit) {
        List<Attempt> out = new ArrayList<>(Math.min(limit, log.size()));
        var it = log.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }

    ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("position", position);
        if (lastEventId == null) {
            n.putNull("last_event_id");
        } else {
            n.put("last_event_id", lastEventId);
        }
        n.put("last_event_offset", lastEventOffset);
        n.put("delivered", delivered);
        n.put("failed_attempts", failedAttempts);
        ArrayNode attempts = n.putArray("deliveries");
        log.forEach(a -> attempts.add(a.toJson()));
        return n;
    }

    /** The saved state; throws IllegalArgumentException for a file that is not one. */
    static EndpointState fromJson(JsonNode n) {
        if (!n.path("position").canConvertToLong() || n.path("position").asLong() < 0
                || !n.path("deliveries").isArray()) {
            throw new IllegalArgumentException("not a webhook state file");
        }
        EndpointState s = new EndpointState();
        s.position = n.path("position").asLong();
        s.lastEventId = n.path("last_event_id").isTextual() ? n.path("last_event_id").textValue() : null;
        s.lastEventOffset = n.path("last_event_offset").asLong(-1);
        s.delivered = n.path("delivered").asLong();
        s.failedAttempts = n.path("failed_attempts").asLong();
        for (JsonNode a : n.path("deliveries")) {
            s.log.addLast(Attempt.fromJson(a));
        }
        while (s.log.size() > LOG_SIZE) {
            s.log.removeFirst();
        }
        return s;
    }
}
