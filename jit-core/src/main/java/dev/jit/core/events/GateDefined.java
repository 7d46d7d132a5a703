package dev.jit.core.events;

import java.util.Objects;

/** {@code gate_defined}: A gate was added to the registry (names no issue). */
public record GateDefined(EventHeader header, String gateKey) implements JitEvent {
    public static final String TYPE = "gate_defined";

    public GateDefined {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(gateKey, "gateKey");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
