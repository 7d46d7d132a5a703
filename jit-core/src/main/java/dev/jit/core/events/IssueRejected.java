package dev.jit.core.events;

import java.util.Objects;

/** {@code issue_rejected}: An issue was closed without doing it. */
public record IssueRejected(EventHeader header, String reason) implements JitEvent {
    public static final String TYPE = "issue_rejected";

    public IssueRejected {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
