package dev.jit.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code issue_updated}: Fields of an issue were edited: each changed field (as named in the issue file) with its
 * old and new value.
 */
public record IssueUpdated(EventHeader header, Map<String, FieldChange> changes) implements JitEvent {
    public static final String TYPE = "issue_updated";

    public IssueUpdated {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(changes, "changes");
        changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** One edited field: its value before and after, as JSON (any shape the issue file gives the field). */
    public record FieldChange(JsonNode from, JsonNode to) {
        public FieldChange {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }
}
