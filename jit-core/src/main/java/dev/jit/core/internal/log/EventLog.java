package dev.jit.core.internal.log;

import dev.jit.core.events.EventCodec;
import dev.jit.core.events.EventFilter;

import dev.jit.core.events.Event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.json.Json;
import dev.jit.core.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The append-only event log. Appends happen only inside a store write transaction; reads never lock
 * (lines are appended whole and fsynced; a last line without its newline is being written or was torn by a
 * crash, and is not read). Readers read in blocks, never the whole file, and skip malformed lines with one
 * warning per read.
 */
public final class EventLog {
    private final Path file;
    private final Consumer<String> warnings;

    public EventLog(Path file, Consumer<String> warnings) {
        this.file = file;
        this.warnings = warnings;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends events (as {@link EventCodec#toJson} made them) as one write, first finishing a line a crash may
     * have left without its newline.
     */
    public void append(Collection<ObjectNode> events) throws IOException {
        if (events.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        if (!endsWithNewline()) {
            sb.append('\n');
        }
        for (ObjectNode e : events) {
            sb.append(Json.compact(e)).append('\n');
        }
        AtomicFiles.appendDurably(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private boolean endsWithNewline() throws IOException {
        try (java.nio.channels.FileChannel ch = AtomicFiles.openRegular(file, java.nio.file.StandardOpenOption.READ)) {
            long len = ch.size();
            if (len == 0) {
                return true;
            }
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            return ch.read(last, len - 1) == 1 && last.get(0) == '\n';
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    /**
     * The log for reading: only a regular file, never through a link (its target is outside the store) nor a
     * FIFO (which would block the reader for ever); FileNotFoundException when absent.
     */
    private RandomAccessFile openForReading() throws IOException {
        AtomicFiles.Kind kind = AtomicFiles.kind(file);
        if (kind == AtomicFiles.Kind.ABSENT) {
            throw new java.io.FileNotFoundException(file.toString());
        }
        if (kind != AtomicFiles.Kind.FILE) {
            throw new JitException(ErrorCode.CORRUPT_DATA, "Cannot read " + file + ": it " + kind.description()
                    + ", not a regular file", java.util.Map.of("file", file.toString()),
                    List.of("Run 'jit validate' to see every problem, 'jit validate --fix' to repair what is safe"));
        }
        return new RandomAccessFile(file.toFile(), "r");
    }

    /** Current size in bytes: the offset a follower starts from to see only new events. */
    public long size() {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new JitException(ErrorCode.IO_ERROR, "Cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * The last {@code limit} events (oldest first) that match {@code filter}; {@code limit} ≤ 0 means all of
     * them (read forward, kept in memory: the caller asked for the whole log).
     */
    public List<Event> query(Predicate<Event> filter, int limit) {
        if (limit > 0) {
            return last(limit, filter, null);
        }
        Matching all = new Matching(filter);
        readFrom(0, 0, all);
        return all.events;
    }

    /**
     * The events {@code filter} wants, oldest first: with a limit, read backward from the end and stopped at
     * the limit or the filter's {@code since}; without one (0), the whole log read forward.
     */
    public List<Event> query(EventFilter filter) {
        return filter.limit() > 0 ? last(filter.limit(), filter::matches, filter::endsBackwardScan)
                : query(filter::matches, 0);
    }

    /** The last {@code n} events, oldest first, read from the end of the file. */
    public List<Event> tail(int n) {
        return n <= 0 ? List.of() : last(n, null, null);
    }

    /**
     * The last {@code limit} events (oldest first) that match {@code filter} (null: every event), read backward
     * from the end of the file block by block: memory holds {@code limit} events and one line, whatever the
     * size of the log. The scan stops early at the first event, counting back from the end, for which
     * {@code olderThanWanted} holds (null: never); that event and all before it are left out.
     */
    public List<Event> last(int limit, Predicate<Event> filter, Predicate<Event> olderThanWanted) {
        Skipped skipped = new Skipped();
        ArrayDeque<Event> kept = new ArrayDeque<>();
        try (RandomAccessFile raf = openForReading()) {
            byte[] block = new byte[BLOCK];
            LineBuffer line = new LineBuffer();
            long blockStart = raf.length();
            // Bytes after the last line break are a line being appended or torn by a crash: never an event.
            boolean afterLastBreak = true;
            scan:
            while (blockStart > 0) {
                int len = (int) Math.min(BLOCK, blockStart);
                blockStart -= len;
                raf.seek(blockStart);
                raf.readFully(block, 0, len);
                int lineEnd = len;
                for (int i = len - 1; i >= -1; i--) {
                    boolean lineStarts = i < 0 ? blockStart == 0 : block[i] == '\n';
                    if (!lineStarts) {
                        continue;
                    }
                    line.prepend(block, i + 1, lineEnd - i - 1);
                    lineEnd = i;
                    if (afterLastBreak) {
                        afterLastBreak = false;
                    } else {
                        Event e = line.parse(blockStart + i + 1, skipped);
                        if (e != null) {
                            if (olderThanWanted != null && olderThanWanted.test(e)) {
                                break scan;
                            }
                            if (filter == null || filter.test(e)) {
                                kept.addFirst(e);
                                if (kept.size() >= limit) {
                                    break scan;
                                }
                            }
                        }
                    }
                    line.clear();
                    if (i < 0) {
                        break;
                    }
                }
                if (lineEnd > 0) {
                    line.prepend(block, 0, lineEnd);
                }
            }
        } catch (java.io.FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new JitException(ErrorCode.IO_ERROR, "Cannot read " + file + ": " + e.getMessage());
        } finally {
            skipped.report();
        }
        return new ArrayList<>(kept);
    }

    /**
     * Feeds every complete event that starts at or after {@code offset} to {@code sink} and returns the
     * offset just past the last complete line (where the next call should resume).
     */
    public long readFrom(long offset, Consumer<Event> sink) {
        return readFrom(offset, 0, sink);
    }

    /**
     * As {@link #readFrom(long, Consumer)}, but stops after {@code maxEvents} events (≤ 0: no limit) and then
     * returns the offset just past the last one delivered. Reads in blocks: memory holds one line at a time.
     */
    public long readFrom(long offset, int maxEvents, Consumer<Event> sink) {
        Skipped skipped = new Skipped();
        try {
            return scanForward(offset, maxEvents, sink, skipped);
        } finally {
            skipped.report();
        }
    }

    /** Complete lines of the log that are not events, and the offset of the first (-1 if none). */
    public record MalformedLines(int count, long firstOffset) {
    }

    /** Counts the malformed lines of the whole log (for {@code jit validate}), reading it once, warning nothing. */
    public MalformedLines malformedLines() {
        Skipped skipped = new Skipped();
        scanForward(0, 0, ignored -> { }, skipped);
        return new MalformedLines(skipped.count, skipped.first);
    }

    private long scanForward(long offset, int maxEvents, Consumer<Event> sink, Skipped skipped) {
        try (RandomAccessFile raf = openForReading()) {
            long end = raf.length();
            long consumed = offset;
            long lineOffset = offset;
            int delivered = 0;
            byte[] block = new byte[BLOCK];
            LineBuffer line = new LineBuffer();
            raf.seek(offset);
            for (long pos = offset; pos < end; ) {
                int len = (int) Math.min(BLOCK, end - pos);
                raf.readFully(block, 0, len);
                int lineStart = 0;
                for (int i = 0; i < len; i++) {
                    if (block[i] != '\n') {
                        continue;
                    }
                    line.append(block, lineStart, i - lineStart);
                    Event e = line.parse(lineOffset, skipped);
                    line.clear();
                    lineStart = i + 1;
                    consumed = pos + lineStart;
                    lineOffset = consumed;
                    if (e != null) {
                        sink.accept(e);
                        if (maxEvents > 0 && ++delivered >= maxEvents) {
                            return consumed;
                        }
                    }
                }
                line.append(block, lineStart, len - lineStart);
                pos += len;
            }
            // A final line without newline is either being appended right now or torn by a crash: skip it.
            return consumed;
        } catch (java.io.FileNotFoundException e) {
            return offset;
        } catch (IOException e) {
            throw new JitException(ErrorCode.IO_ERROR, "Cannot read " + file + ": " + e.getMessage());
        }
    }

    private static final int BLOCK = 64 * 1024;
    /** A longer line is not an event jit wrote (titles and descriptions are far smaller): skipped unbuffered. */
    static final int MAX_LINE_BYTES = 16 << 20;

    /** Collects matching events in a list: a class, not a lambda, as writes link no lambda (Store.openView). */
    private static final class Matching implements Consumer<Event> {
        final List<Event> events = new ArrayList<>();
        private final Predicate<Event> filter;

        Matching(Predicate<Event> filter) {
            this.filter = filter;
        }

        @Override
        public void accept(Event event) {
            if (filter.test(event)) {
                events.add(event);
            }
        }
    }

    /** Malformed lines met by one read: reported once, as one warning, when the read ends. */
    private final class Skipped {
        int count;
        long first = -1;

        void add(long offset) {
            if (count++ == 0 || offset < first) {
                first = offset;
            }
        }

        void report() {
            if (count > 0) {
                warnings.accept("skipped " + count + " malformed event line" + (count == 1 ? "" : "s") + " of " + file
                        + " (the first at byte " + first + "); 'jit validate' counts them");
            }
        }
    }

    /**
     * One line of the log assembled from blocks, forward ({@link #append}) or backward ({@link #prepend}); past
     * {@link #MAX_LINE_BYTES} its content is dropped and the line counts as malformed.
     */
    private final class LineBuffer {
        private byte[] bytes = new byte[512];
        private int start = 256;
        private int end = 256;
        private boolean oversized;

        void prepend(byte[] src, int from, int len) {
            if (len == 0 || overflow(len)) {
                return;
            }
            if (start < len) {
                grow(len);
            }
            start -= len;
            System.arraycopy(src, from, bytes, start, len);
        }

        void append(byte[] src, int from, int len) {
            if (len == 0 || overflow(len)) {
                return;
            }
            if (bytes.length - end < len) {
                grow(len);
            }
            System.arraycopy(src, from, bytes, end, len);
            end += len;
        }

        private boolean overflow(int len) {
            if (!oversized && (end - start) + (long) len > MAX_LINE_BYTES) {
                oversized = true;
                bytes = new byte[512];
                clear();
                oversized = true;
            }
            return oversized;
        }

        /** Moves the content to the middle of an array with room for {@code need} more bytes at either end. */
        private void grow(int need) {
            int size = end - start;
            byte[] bigger = new byte[Math.max(bytes.length * 2, size + 2 * need + 16)];
            int newStart = (bigger.length - size) / 2;
            System.arraycopy(bytes, start, bigger, newStart, size);
            bytes = bigger;
            start = newStart;
            end = newStart + size;
        }

        void clear() {
            start = bytes.length / 2;
            end = start;
            oversized = false;
        }

        /** The event on this line, or null for a blank line or (counted in {@code skipped}) a malformed one. */
        Event parse(long offset, Skipped skipped) {
            if (oversized) {
                skipped.add(offset);
                return null;
            }
            if (isBlank(bytes, start, end)) {
                return null;
            }
            try {
                JsonNode node = Json.parse(bytes, start, end - start);
                if (node instanceof ObjectNode obj) {
                    return new Event(EventCodec.decode(obj), offset);
                }
            } catch (IOException | RuntimeException malformed) {
                // counted below
            }
            skipped.add(offset);
            return null;
        }
    }

    private static boolean isBlank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(bytes[i])) {
                return false;
            }
        }
        return true;
    }
}
