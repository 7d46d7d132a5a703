package dev.jit.core.events;

import java.util.Objects;

/**
 * {@code agent_stalled}: An agent process of jit-dispatch wrote no output for {@code stall_timeout_ms} and is being
 * stopped.
 */
public record AgentStalled(EventHeader header, String agentId, long pid, long stallTimeoutMs) implements JitEvent {
    public static final String TYPE = "agent_stalled";

    public AgentStalled {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(agentId, "agentId");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
