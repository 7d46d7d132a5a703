package dev.jit.core.events;

import java.util.Objects;

/** {@code issue_deleted}: An issue was deleted (its title at the time). */
public record IssueDeleted(EventHeader header, String title) implements JitEvent {
    public static final String TYPE = "issue_deleted";

    public IssueDeleted {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(title, "title");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
