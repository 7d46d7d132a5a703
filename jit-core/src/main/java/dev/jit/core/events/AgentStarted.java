package dev.jit.core.events;

import java.util.List;
import java.util.Objects;

/** {@code agent_started}: jit-dispatch started an agent process on the issue: its command line and log file. */
public record AgentStarted(EventHeader header, String agentId, List<String> argv, String log) implements JitEvent {
    public static final String TYPE = "agent_started";

    public AgentStarted {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(argv, "argv");
        Objects.requireNonNull(log, "log");
        argv = List.copyOf(argv);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
