package dev.jit.core.internal.log;

import dev.jit.core.events.Event;


import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backward reader (query/tail/last) and the bounded forward reader agree on any log, block by block. */
class EventLogReadersTest {
    @TempDir
    Path tmp;

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    /** Lines of random length (a few longer than one 64 KiB block), with malformed lines here and there. */
    private List<Long> writeRandomLog(Path file, int count, long seed) throws IOException {
        Random random = new Random(seed);
        List<Long> offsets = new ArrayList<>();
        long offset = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n = 0; n < count; n++) {
                if (random.nextInt(10) == 0) {
                    byte[] bad = ("not json " + "z".repeat(random.nextInt(100)) + "\n").getBytes(StandardCharsets.UTF_8);
                    out.write(bad);
                    offset += bad.length;
                }
                int pad = random.nextInt(20) == 0 ? 70_000 + random.nextInt(100_000) : random.nextInt(300);
                byte[] line = ("{\"type\":\"t" + (n % 3) + "\",\"id\":\"" + n + "\",\"pad\":\"" + "x".repeat(pad)
                        + "\"}\n").getBytes(StandardCharsets.UTF_8);
                out.write(line);
                offsets.add(offset);
                offset += line.length;
            }
            out.write("{\"type\":\"torn".getBytes(StandardCharsets.UTF_8));
        }
        return offsets;
    }

    @Test
    void backwardAndForwardReadersSeeTheSameEventsAtTheSameOffsets() throws IOException {
        Path file = tmp.resolve("events.jsonl");
        List<Long> offsets = writeRandomLog(file, 400, 13);
        EventLog log = new EventLog(file, warnings::add);

        List<Event> all = log.query(e -> true, 0);
        assertThat(all).extracting(Event::offset).containsExactlyElementsOf(offsets);
        for (int n : new int[]{1, 2, 7, 100, 399, 400, 1000}) {
            List<Event> last = log.last(n, null, null);
            assertThat(last).as("last %d", n).extracting(Event::offset)
                    .containsExactlyElementsOf(offsets.subList(Math.max(0, offsets.size() - n), offsets.size()));
        }
        assertThat(log.last(5, e -> e.type().equals("t1"), null)).extracting(Event::id)
                .containsExactly("385", "388", "391", "394", "397");
        // The scan stops at the first event (from the end) that is older than wanted.
        long since = offsets.get(395);
        assertThat(log.last(100, null, e -> e.offset() <= since)).extracting(Event::id)
                .containsExactly("396", "397", "398", "399");

        // Bounded forward reads in batches resume exactly where the previous batch ended.
        List<Event> batched = new ArrayList<>();
        long position = 0;
        while (true) {
            int before = batched.size();
            position = log.readFrom(position, 17, batched::add);
            if (batched.size() == before) {
                break;
            }
        }
        assertThat(batched).extracting(Event::offset).containsExactlyElementsOf(offsets);
        assertThat(position).isEqualTo(Files.size(file) - "{\"type\":\"torn".length());
        // Each read reports its malformed lines in one warning.
        assertThat(warnings).allSatisfy(w -> assertThat(w).startsWith("skipped ").contains("malformed event line"));
    }

    @Test
    void aLineLongerThanTheLimitIsSkippedAsMalformed() throws IOException {
        Path file = tmp.resolve("events.jsonl");
        String ok = "{\"type\":\"t\",\"id\":\"a\"}\n";
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ok.getBytes(StandardCharsets.UTF_8));
            out.write("{\"type\":\"t\",\"pad\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "y".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < (EventLog.MAX_LINE_BYTES >> 20) + 1; i++) {
                out.write(chunk);
            }
            out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
            out.write(ok.replace("\"a\"", "\"b\"").getBytes(StandardCharsets.UTF_8));
        }
        EventLog log = new EventLog(file, warnings::add);
        assertThat(log.query(e -> true, 0)).extracting(Event::id).containsExactly("a", "b");
        assertThat(log.query(e -> true, 10)).extracting(Event::id).containsExactly("a", "b");
        assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w)
                .startsWith("skipped 1 malformed event line of ").contains("(the first at byte " + ok.length() + ")"));
    }
}
