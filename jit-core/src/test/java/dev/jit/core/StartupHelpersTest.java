package dev.jit.core;

import dev.jit.core.internal.CurrentProcess;
import dev.jit.core.internal.RandomUuids;
import dev.jit.core.internal.Timestamps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hand-made replacements for java.time formatting, UUID.randomUUID and ProcessHandle match the JDK's. */
class StartupHelpersTest {
    @Test
    void timestampsAreWrittenExactlyAsInstantToString() {
        Random random = new Random(42);
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        for (int k = 0; k < 200_000; k++) {
            long seconds = min + Math.floorMod(random.nextLong(), max - min + 1);
            int nanos = switch (k % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(Timestamps.format(instant)).isEqualTo(instant.toString());
        }
        for (String edge : new String[]{"1970-01-01T00:00:00Z", "2000-02-29T12:00:00.100Z", "1900-03-01T00:00:00Z",
                "2024-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.000001Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"}) {
            assertThat(Timestamps.format(Instant.parse(edge))).isEqualTo(edge);
        }
        assertThat(Instant.parse(Timestamps.now())).isCloseTo(Instant.now(),
                org.assertj.core.api.Assertions.within(5, java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void randomUuidsAreDistinctVersion4Uuids() {
        Set<UUID> seen = new HashSet<>();
        for (int k = 0; k < 1000; k++) {
            UUID uuid = RandomUuids.next();
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(UUID.fromString(uuid.toString())).isEqualTo(uuid);
            seen.add(uuid);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void currentProcessIsThisProcess() {
        assertThat(CurrentProcess.pid()).isEqualTo(ProcessHandle.current().pid());
    }
}
