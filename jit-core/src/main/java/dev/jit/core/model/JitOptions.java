package dev.jit.core.model;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How a process uses a store: how long it waits for the lock, who it records as the actor of its
 * events, and where warnings about damaged files go.
 */
public record JitOptions(Duration lockTimeout, String actor, Consumer<String> warnings) {
    public static final String LOCK_TIMEOUT_ENV = "JIT_LOCK_TIMEOUT";
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);

    /** Lock timeout from {@code JIT_LOCK_TIMEOUT} (seconds, fractions allowed); unparsable values mean 5 s. */
    public static Duration lockTimeoutFrom(Map<String, String> env) {
        String raw = env.get(LOCK_TIMEOUT_ENV);
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LOCK_TIMEOUT;
        }
        try {
            double seconds = Double.parseDouble(raw.trim());
            return seconds >= 0 ? Duration.ofMillis((long) (seconds * 1000)) : DEFAULT_LOCK_TIMEOUT;
        } catch (NumberFormatException e) {
            return DEFAULT_LOCK_TIMEOUT;
        }
    }

    public JitOptions withActor(String newActor) {
        return new JitOptions(lockTimeout, newActor, warnings);
    }
}
