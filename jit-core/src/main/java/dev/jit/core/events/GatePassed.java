package dev.jit.core.events;

import java.util.Objects;

/**
 * {@code gate_passed}: A required gate passed ({@code updated_by}: who said so, or null; {@code run_id}: the
 * checker run that decided it, absent for an attestation; {@code reason}: why a human passed a gate that has a
 * checker without running it, absent otherwise).
 */
public record GatePassed(EventHeader header, String gateKey, String updatedBy, String runId, String reason)
        implements JitEvent {
    public static final String TYPE = "gate_passed";

    public GatePassed {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(gateKey, "gateKey");
    }

    /** An attestation: no run, no override reason. */
    public GatePassed(EventHeader header, String gateKey, String updatedBy) {
        this(header, gateKey, updatedBy, null, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
