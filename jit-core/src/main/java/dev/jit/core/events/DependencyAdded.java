package dev.jit.core.events;

import java.util.Objects;

/** {@code dependency_added}: The issue now depends on {@code dependency_id}. */
public record DependencyAdded(EventHeader header, String dependencyId) implements JitEvent {
    public static final String TYPE = "dependency_added";

    public DependencyAdded {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(dependencyId, "dependencyId");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
