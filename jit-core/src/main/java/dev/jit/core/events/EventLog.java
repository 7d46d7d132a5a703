package dev.jit.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.json.Json;
import dev.jit.core.store.AtomicFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The append-only event log. Appends happen only inside a store write transaction; reads never lock
 * (lines are appended whole and fsynced, and a torn last line from a crash is skipped with a warning).
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

    /** Appends events as one write, first finishing a line a crash may have left without its newline. */
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

    /** Every event, oldest first, that matches {@code filter}; keeps only the last {@code limit} (≤0: all). */
    public List<Event> query(Predicate<Event> filter, int limit) {
        Deque<Event> kept = new ArrayDeque<>();
        readFrom(0, e -> {
            if (filter.test(e)) {
                kept.addLast(e);
                if (limit > 0 && kept.size() > limit) {
                    kept.removeFirst();
                }
            }
        });
        return new ArrayList<>(kept);
    }

    /** The last {@code n} events, oldest first, read from the end of the file. */
    public List<Event> tail(int n) {
        if (n <= 0) {
            return List.of();
        }
        try (RandomAccessFile raf = openForReading()) {
            long end = raf.length();
            long blockStart = end;
            long from = 0;
            int newlines = 0;
            byte[] block = new byte[8192];
            // Walk back block by block to the (n+1)-th line break from the end: the last n complete lines start
            // after it (a torn final line has no break of its own). Reading from mid-line would parse garbage.
            search:
            while (blockStart > 0) {
                int len = (int) Math.min(block.length, blockStart);
                blockStart -= len;
                raf.seek(blockStart);
                raf.readFully(block, 0, len);
                for (int i = len - 1; i >= 0; i--) {
                    if (block[i] == '\n' && ++newlines > n) {
                        from = blockStart + i + 1;
                        break search;
                    }
                }
            }
            Collecting collected = new Collecting();
            readRange(raf, from, end, collected);
            List<Event> out = collected.events;
            return out.size() > n ? new ArrayList<>(out.subList(out.size() - n, out.size())) : out;
        } catch (java.io.FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new JitException(ErrorCode.IO_ERROR, "Cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Feeds every complete event that starts at or after {@code offset} to {@code sink} and returns the
     * offset just past the last complete line (where the next call should resume).
     */
    public long readFrom(long offset, Consumer<Event> sink) {
        try (RandomAccessFile raf = openForReading()) {
            return readRange(raf, offset, raf.length(), sink);
        } catch (java.io.FileNotFoundException e) {
            return offset;
        } catch (IOException e) {
            throw new JitException(ErrorCode.IO_ERROR, "Cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Collects events in a list: a class, not {@code list::add}, as writes link no lambda (Store.openView). */
    private static final class Collecting implements Consumer<Event> {
        final List<Event> events = new ArrayList<>();

        @Override
        public void accept(Event event) {
            events.add(event);
        }
    }

    private long readRange(RandomAccessFile raf, long start, long end, Consumer<Event> sink) throws IOException {
        if (start >= end) {
            return start;
        }
        raf.seek(start);
        byte[] bytes = new byte[(int) (end - start)];
        raf.readFully(bytes);
        int lineStart = 0;
        long consumed = start;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            parseLine(bytes, lineStart, i, start + lineStart, sink);
            lineStart = i + 1;
            consumed = start + lineStart;
        }
        // A final line without newline is either being appended right now or torn by a crash: skip it.
        return consumed;
    }

    private void parseLine(byte[] bytes, int from, int to, long offset, Consumer<Event> sink) {
        if (to - from <= 0 || isBlank(bytes, from, to)) {
            return;
        }
        try {
            JsonNode node = Json.parse(bytes, from, to - from);
            if (node instanceof ObjectNode obj) {
                sink.accept(new Event(obj, offset));
                return;
            }
        } catch (IOException ignored) {
            // reported below
        }
        warnings.accept("skipping malformed event at byte " + offset + " of " + file);
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
