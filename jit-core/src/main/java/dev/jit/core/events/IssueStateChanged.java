package dev.jit.core.events;

import dev.jit.core.model.State;
import java.util.Objects;

/** {@code issue_state_changed}: An issue moved from one state to another. */
public record IssueStateChanged(EventHeader header, State from, State to) implements JitEvent {
    public static final String TYPE = "issue_state_changed";

    public IssueStateChanged {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
