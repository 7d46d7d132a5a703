package dev.jit.core.events;

import java.util.Objects;

/** {@code issue_claimed}: An assignee took an unassigned issue. */
public record IssueClaimed(EventHeader header, String assignee) implements JitEvent {
    public static final String TYPE = "issue_claimed";

    public IssueClaimed {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(assignee, "assignee");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
