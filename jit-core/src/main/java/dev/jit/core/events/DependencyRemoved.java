package dev.jit.core.events;

import java.util.Objects;

/** {@code dependency_removed}: The issue no longer depends on {@code dependency_id}. */
public record DependencyRemoved(EventHeader header, String dependencyId) implements JitEvent {
    public static final String TYPE = "dependency_removed";

    public DependencyRemoved {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(dependencyId, "dependencyId");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
