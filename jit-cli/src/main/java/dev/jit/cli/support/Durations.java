package dev.jit.cli.support;

import dev.jit.core.error.JitException;
import java.time.Duration;

/** Durations as people type them on the command line: {@code 90}, {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d}. */
public final class Durations {
    private Durations() {
    }

    /**
     * {@code text} as a duration (a bare number is seconds, as the reference tool's {@code --ttl} takes it), or
     * null for null; INVALID_ARGUMENT naming {@code option} for anything else.
     */
    public static Duration parse(String text, String option) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 's' -> unit = 1;
                case 'm' -> unit = 60;
                case 'h' -> unit = 3600;
                case 'd' -> unit = 86_400;
                default -> unit = 0;
            }
            if (unit != 0) {
                t = t.substring(0, t.length() - 1);
            } else {
                unit = 1;
            }
        }
        try {
            long amount = Long.parseLong(t);
            if (amount >= 0 && amount <= Long.MAX_VALUE / unit / 2) {
                return Duration.ofSeconds(amount * unit);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw JitException.invalidArgument(option + " takes a duration such as 90s, 15m, 2h or 1d (a bare number "
                + "is seconds), not '" + text + "'");
    }

    /** {@code d} for people: {@code 14m 32s}, {@code 2h 5m}, {@code 45s}. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        if (s >= 60) {
            return s / 60 + "m " + s % 60 + "s";
        }
        return s + "s";
    }
}
