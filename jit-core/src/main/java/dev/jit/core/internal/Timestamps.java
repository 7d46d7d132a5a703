package dev.jit.core.internal;

import java.time.Instant;

/**
 * Timestamps exactly as {@link Instant#toString()} writes them (ISO-8601 in UTC, seconds always present, the
 * fraction in groups of three digits), formatted by hand: the first {@code Instant.toString()} of a process
 * initialises java.time's formatters, about 10 ms of a short-lived CLI command.
 */
public final class Timestamps {
    private static final int SECONDS_PER_DAY = 86_400;

    private Timestamps() {
    }

    /** The current time, as {@code Instant.now().toString()}. */
    public static String now() {
        return format(Instant.now());
    }

    /** {@code instant.toString()}. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        // Gregorian date from days since 1970-01-01 (H. Hinnant's civil_from_days): eras of 400 years from March.
        long shifted = days + 719_468;
        long era = Math.floorDiv(shifted, 146_097);
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
        int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            return instant.toString(); // signed or five-digit years
        }
        StringBuilder out = new StringBuilder(30);
        digits(out, (int) year, 4).append('-');
        digits(out, month, 2).append('-');
        digits(out, day, 2).append('T');
        digits(out, secondOfDay / 3600, 2).append(':');
        digits(out, secondOfDay / 60 % 60, 2).append(':');
        digits(out, secondOfDay % 60, 2);
        int nano = instant.getNano();
        if (nano % 1_000_000 == 0) {
            if (nano != 0) {
                digits(out.append('.'), nano / 1_000_000, 3);
            }
        } else if (nano % 1000 == 0) {
            digits(out.append('.'), nano / 1000, 6);
        } else {
            digits(out.append('.'), nano, 9);
        }
        return out.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        String text = Integer.toString(value);
        for (int pad = width - text.length(); pad > 0; pad--) {
            out.append('0');
        }
        return out.append(text);
    }
}
