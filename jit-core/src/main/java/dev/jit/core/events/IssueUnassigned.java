package dev.jit.core.events;

import java.util.Objects;

/** {@code issue_unassigned}: An issue lost its assignee (the one it had). */
public record IssueUnassigned(EventHeader header, String assignee) implements JitEvent {
    public static final String TYPE = "issue_unassigned";

    public IssueUnassigned {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(assignee, "assignee");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
