package dev.jit.core.events;

import java.util.Objects;

/** {@code gate_passed}: A required gate passed ({@code updated_by}: who said so, or null). */
public record GatePassed(EventHeader header, String gateKey, String updatedBy) implements JitEvent {
    public static final String TYPE = "gate_passed";

    public GatePassed {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(gateKey, "gateKey");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
