package dev.jit.core.events;

import java.util.Objects;

/** {@code issue_released}: An issue was freed ({@code assignee}: the previous one, {@code ""} if none). */
public record IssueReleased(EventHeader header, String assignee, String reason) implements JitEvent {
    public static final String TYPE = "issue_released";

    public IssueReleased {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(assignee, "assignee");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
