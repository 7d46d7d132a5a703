package dev.jit.core.events;

import java.util.Objects;

/** {@code gate_undefined}: A gate was removed from the registry (names no issue). */
public record GateUndefined(EventHeader header, String gateKey) implements JitEvent {
    public static final String TYPE = "gate_undefined";

    public GateUndefined {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(gateKey, "gateKey");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
