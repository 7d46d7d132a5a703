package dev.jit.core.events;

import java.util.Objects;

/**
 * {@code lease_expired}: A claim's lease ran out before its holder renewed it; the issue was freed (back to ready,
 * or backlog if blocked) as if {@code holder} had released it.
 */
public record LeaseExpired(EventHeader header, String holder, String expiredAt) implements JitEvent {
    public static final String TYPE = "lease_expired";

    public LeaseExpired {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiredAt, "expiredAt");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
