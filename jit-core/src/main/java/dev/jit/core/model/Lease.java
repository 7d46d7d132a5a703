package dev.jit.core.model;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A time limit on a claim, kept in the issue file beside its assignee: the claim lapses at {@code expiresAt}
 * unless its holder renews it ({@code jit issue heartbeat}). A claim without a lease never lapses (a human's).
 *
 * @param holder     the assignee the lease belongs to; only it may renew
 * @param ttlSeconds how far each renewal pushes the expiry (at least 1)
 * @param acquiredAt when the claim was taken
 * @param expiresAt  when the claim lapses unless renewed
 * @param lastBeat   the last renewal ({@code acquiredAt} until the first one)
 */
public record Lease(String holder, long ttlSeconds, String acquiredAt, String expiresAt, String lastBeat) {
    /** The longest lease: a week. Longer claims are what a lease-less (human) claim is for. */
    public static final long MAX_TTL_SECONDS = 7 * 24 * 3600;

    public Lease {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(acquiredAt, "acquired_at");
        Objects.requireNonNull(expiresAt, "expires_at");
        Objects.requireNonNull(lastBeat, "last_beat");
        if (ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
            throw new IllegalArgumentException("ttl_secs must be between 1 and " + MAX_TTL_SECONDS);
        }
        parseInstant(acquiredAt);
        parseInstant(lastBeat);
        parseInstant(expiresAt);
    }

    public Instant expiry() {
        return parseInstant(expiresAt);
    }

    /** Whether the claim has lapsed at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiry());
    }

    /** Time left at {@code now}, zero once expired. */
    public Duration remainingAt(Instant now) {
        Duration left = Duration.between(now, expiry());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * An ISO-8601 UTC timestamp as JIT writes it ({@code 2026-12-03T11:48:02.7256Z}), parsed by hand: the first
     * {@link Instant#parse} of a process sets up java.time's formatters, about 10 ms of a short CLI command. Any
     * other ISO-8601 form goes to {@link Instant#parse}.
     *
     * @throws IllegalArgumentException if {@code text} is no timestamp
     */
    public static Instant parseInstant(String text) {
        int n = text.length();
        if (n >= 20 && text.charAt(n - 1) == 'Z' && text.charAt(4) == '-' && text.charAt(7) == '-'
                && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int nano = 0;
            boolean plain = n == 20;
            if (!plain && text.charAt(19) == '.' && n - 21 >= 1 && n - 21 <= 9) {
                nano = digits(text, 20, n - 1);
                for (int k = n - 21; k < 9; k++) {
                    nano *= 10;
                }
                plain = true;
            }
            if (plain && nano >= 0 && year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23
                    && minute <= 59 && second <= 59) {
                return Instant.ofEpochSecond(daysFromCivil(year, month, day) * 86_400L + hour * 3600L
                        + minute * 60L + second, nano);
            }
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 UTC timestamp: '" + text + "'");
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1_000_000_000; // fails every range check above
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Days since 1970-01-01 of a Gregorian date (H. Hinnant's days_from_civil). */
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
