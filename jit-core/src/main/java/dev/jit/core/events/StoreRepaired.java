package dev.jit.core.events;

import java.util.List;
import java.util.Objects;

/** {@code store_repaired}: {@code jit validate --fix} repaired the store (names no issue): what it did. */
public record StoreRepaired(EventHeader header, List<String> repairs) implements JitEvent {
    public static final String TYPE = "store_repaired";

    public StoreRepaired {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(repairs, "repairs");
        repairs = List.copyOf(repairs);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
