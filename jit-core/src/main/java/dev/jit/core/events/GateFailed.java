package dev.jit.core.events;

import java.util.Objects;

/**
 * {@code gate_failed}: A required gate failed ({@code updated_by}: who said so, or null; {@code run_id}: the
 * checker run that decided it, absent for an attestation).
 */
public record GateFailed(EventHeader header, String gateKey, String updatedBy, String runId) implements JitEvent {
    public static final String TYPE = "gate_failed";

    public GateFailed {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(gateKey, "gateKey");
    }

    /** An attestation: no run. */
    public GateFailed(EventHeader header, String gateKey, String updatedBy) {
        this(header, gateKey, updatedBy, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
