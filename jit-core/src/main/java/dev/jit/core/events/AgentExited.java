package dev.jit.core.events;

import java.util.Objects;

/**
 * {@code agent_exited}: An agent process of jit-dispatch ended. {@code exit_code} is null when unknown (an adopted
 * process); {@code issue_state} is the issue's state after it, or {@code deleted}; {@code stopped} is why the
 * dispatcher stopped it, absent when it ended by itself.
 */
public record AgentExited(EventHeader header, String agentId, long pid, Integer exitCode, long durationMs,
                          String issueState, boolean released, String stopped) implements JitEvent {
    public static final String TYPE = "agent_exited";

    public AgentExited {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(issueState, "issueState");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
