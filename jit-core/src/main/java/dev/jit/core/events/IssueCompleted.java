package dev.jit.core.events;

import java.util.Objects;

/** {@code issue_completed}: An issue became done (after its {@code issue_state_changed}). */
public record IssueCompleted(EventHeader header) implements JitEvent {
    public static final String TYPE = "issue_completed";

    public IssueCompleted {
        Objects.requireNonNull(header, "header");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
