package dev.jit.core.model;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Issue priority. Declared from most to least urgent, so {@link #ordinal()} sorts urgent work first. */
public enum Priority {
    CRITICAL("critical"),
    HIGH("high"),
    NORMAL("normal"),
    LOW("low");

    private final String wire;

    Priority(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Priority::wire).toList();
    }

    public static Priority parse(String text) {
        String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Priority p : values()) {
            if (p.wire.equals(key)) {
                return p;
            }
        }
        throw new JitException(ErrorCode.INVALID_ARGUMENT, "Invalid priority: " + text,
                Map.of("invalid_priority", String.valueOf(text)),
                List.of("Valid priorities: low, normal, high, critical"));
    }

    @Override
    public String toString() {
        return wire;
    }
}
