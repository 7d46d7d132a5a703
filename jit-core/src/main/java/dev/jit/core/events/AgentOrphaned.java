package dev.jit.core.events;

import java.util.Objects;

/**
 * {@code agent_orphaned}: A dispatcher found the agent process of a dispatcher that died and adopted it, released
 * its issue or kept the issue held.
 */
public record AgentOrphaned(EventHeader header, String agentId, Action action, long pid,
                            long previousDispatcherPid) implements JitEvent {
    public static final String TYPE = "agent_orphaned";

    public AgentOrphaned {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(action, "action");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** What the new dispatcher did with the orphan. */
    public enum Action {
        ADOPTED("adopted"),
        RELEASED("released"),
        KEPT("kept");

        private final String wire;

        Action(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
