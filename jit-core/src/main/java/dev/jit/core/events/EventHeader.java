package dev.jit.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.internal.RandomUuids;
import dev.jit.core.internal.Timestamps;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What every event carries: its own {@code id} (a UUID), the {@code issue_id} it is about (null: none), its
 * {@code timestamp} (RFC 3339 UTC) and the {@code actor} who caused it (null: not recorded; a transaction fills in
 * its own actor). {@code unknownFields} are fields of a line that this version does not know (a newer tool's),
 * in their order: they are written back after the type's own fields, so such a line is re-served unchanged.
 */
public record EventHeader(String id, String issueId, String timestamp, String actor,
                          Map<String, JsonNode> unknownFields) {
    public EventHeader {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        unknownFields = unknownFields.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(unknownFields));
    }

    /** A new event about {@code issueId} (null: none), happening now; the transaction records its actor. */
    public static EventHeader next(String issueId) {
        return new EventHeader(RandomUuids.next().toString(), issueId, Timestamps.now(), null, Map.of());
    }
}
