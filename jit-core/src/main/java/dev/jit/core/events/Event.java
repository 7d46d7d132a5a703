package dev.jit.core.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An event as read from {@code events.jsonl}: the typed event and where its line starts.
 *
 * @param offset byte offset of the line in the log (its position for resuming a stream), or -1
 */
public record Event(JitEvent event, long offset) {

    public String type() {
        return event.type();
    }

    public String id() {
        return event.id();
    }

    public String issueId() {
        return event.issueId();
    }

    public String timestamp() {
        return event.timestamp();
    }

    /** The timestamp as an instant, or null when it is missing or not RFC 3339. */
    public Instant instant() {
        try {
            return Instant.parse(timestamp());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The event's line as JSON ({@link EventCodec}). */
    public ObjectNode json() {
        return EventCodec.toJson(event, null);
    }
}
