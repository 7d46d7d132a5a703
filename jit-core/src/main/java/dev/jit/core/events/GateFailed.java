package dev.jit.core.events;

import java.util.Objects;

/** {@code gate_failed}: A required gate failed ({@code updated_by}: who said so, or null). */
public record GateFailed(EventHeader header, String gateKey, String updatedBy) implements JitEvent {
    public static final String TYPE = "gate_failed";

    public GateFailed {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(gateKey, "gateKey");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
