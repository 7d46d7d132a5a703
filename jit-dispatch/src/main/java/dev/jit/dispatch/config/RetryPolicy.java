package dev.jit.dispatch.config;

import java.time.Duration;

/**
 * How failed runs of an issue are retried: after the n-th failed run the issue waits
 * {@code min(backoff × 2^(n-1), backoffMax)}; after {@code maxAttempts} failed runs it is given up on
 * ({@code needs:human}).
 */
public record RetryPolicy(int maxAttempts, Duration backoff, Duration backoffMax) {
    /** Bound on max_attempts (the store refuses larger attempt counts as damage). */
    static final int MAX_ATTEMPTS = 1_000_000;

    /** The wait after {@code attempts} failed runs (1 = the first failure). */
    public Duration delayAfter(int attempts) {
        Duration d = backoff;
        for (int i = 1; i < attempts && !d.isZero() && d.compareTo(backoffMax) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(backoffMax) > 0 ? backoffMax : d;
    }

    /** Whether {@code attempts} failed runs use up every try. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
