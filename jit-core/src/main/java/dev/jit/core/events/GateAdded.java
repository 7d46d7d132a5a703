package dev.jit.core.events;

import java.util.Objects;

/** {@code gate_added}: An issue now requires a gate. */
public record GateAdded(EventHeader header, String gateKey) implements JitEvent {
    public static final String TYPE = "gate_added";

    public GateAdded {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(gateKey, "gateKey");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
