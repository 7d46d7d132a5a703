package dev.jit.core.events;

import java.util.Objects;

/** {@code issue_assigned}: An issue was given to an assignee ({@code previous}: the one before, or null). */
public record IssueAssigned(EventHeader header, String assignee, String previous) implements JitEvent {
    public static final String TYPE = "issue_assigned";

    public IssueAssigned {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(assignee, "assignee");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
