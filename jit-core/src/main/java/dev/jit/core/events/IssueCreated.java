package dev.jit.core.events;

import dev.jit.core.model.Priority;
import java.util.Objects;

/**
 * {@code issue_created}: An issue was created ({@code parent_id}: the issue a breakdown split it from, else
 * absent).
 */
public record IssueCreated(EventHeader header, String title, Priority priority, String parentId) implements JitEvent {
    public static final String TYPE = "issue_created";

    public IssueCreated {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(priority, "priority");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
