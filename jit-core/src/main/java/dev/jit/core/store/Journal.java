package dev.jit.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.RandomUuids;
import dev.jit.core.events.Event;
import dev.jit.core.events.EventLog;
import dev.jit.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies one command's changes to several files as a unit. New contents go to fsynced temp files, then
 * a journal naming them is renamed into place: that rename is the commit point. Then the temp files are
 * renamed over their targets, the events appended, and the journal removed.
 *
 * <p>A failure before the commit point (full disk, I/O error, no permission) removes every temp file of
 * the command, the journal's own temp included, so nothing of it can ever be applied later. A failure
 * after it leaves the journal for {@link #recover} to roll forward; recovery is idempotent (a temp file
 * already renamed is skipped, an event already in the log is not appended again). The files are renamed
 * before the events are appended because the append is what a full disk makes fail: the store's files
 * then already show the committed command, and only its events wait for the next command.
 */
final class Journal {
    private final StorePaths paths;
    private final EventLog events;

    Journal(StorePaths paths, EventLog events) {
        this.paths = paths;
        this.events = events;
    }

    /** One file's new content ({@code content == null} deletes the file). */
    record Change(Path target, byte[] content) {
    }

    /**
     * Commits {@code changes} and {@code newEvents} as one unit.
     *
     * @return null if the commit was applied completely, else what stopped it after the commit point (the
     *     command is decided; the next command completes it)
     * @throws IOException if the commit failed before its commit point: nothing changed
     */
    IOException commit(List<Change> changes, List<ObjectNode> newEvents) throws IOException {
        String txn = RandomUuids.next().toString().substring(0, 8);
        Map<Path, Path> temps = new LinkedHashMap<>();
        List<Path> deletes = new ArrayList<>();
        Path journalTemp = paths.tmpDir().resolve(txn + "-journal.tmp");
        try {
            Files.createDirectories(paths.tmpDir());
            int n = 0;
            for (Change c : changes) {
                if (c.content() == null) {
                    deletes.add(c.target());
                } else {
                    // Same file system as the target, so the final rename is atomic.
                    Path temp = paths.tmpDir().resolve(txn + "-" + (n++) + "-" + c.target().getFileName() + ".tmp");
                    temps.put(c.target(), temp);
                    AtomicFiles.writeDurably(temp, c.content());
                }
            }
            AtomicFiles.writeDurably(journalTemp, Json.pretty(describe(temps, deletes, newEvents))
                    .getBytes(StandardCharsets.UTF_8));
            AtomicFiles.syncDirectory(paths.tmpDir());
            Files.move(journalTemp, paths.journal(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            discard(temps.values(), journalTemp, e);
            throw e;
        }
        // The commit point is passed: from here on the command is done, whatever fails.
        try {
            AtomicFiles.syncDirectory(paths.dataDir());
            apply(temps, deletes, newEvents);
            Files.deleteIfExists(paths.journal());
            return null;
        } catch (IOException e) {
            return e;
        } catch (RuntimeException e) {
            return new IOException(e.toString(), e);
        }
    }

    /** Removes the temp files of a commit that failed before its commit point; failures are kept as suppressed. */
    private static void discard(Collection<Path> temps, Path journalTemp, Throwable failure) {
        List<Path> all = new ArrayList<>(temps);
        all.add(journalTemp);
        for (Path temp : all) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // Left behind it is only debris: without the journal no command applies it, and the next
                // writer clears tmp/.
                failure.addSuppressed(e);
            }
        }
    }

    private ObjectNode describe(Map<Path, Path> temps, List<Path> deletes, List<ObjectNode> newEvents) {
        ObjectNode j = Json.object();
        ArrayNode writes = j.putArray("writes");
        for (Map.Entry<Path, Path> t : temps.entrySet()) {
            ObjectNode w = writes.addObject();
            w.put("target", relative(t.getKey()));
            w.put("temp", relative(t.getValue()));
        }
        ArrayNode del = j.putArray("deletes");
        for (Path d : deletes) {
            del.add(relative(d));
        }
        ArrayNode ev = j.putArray("events");
        for (ObjectNode e : newEvents) {
            ev.add(e);
        }
        return j;
    }

    private void apply(Map<Path, Path> temps, List<Path> deletes, List<ObjectNode> newEvents) throws IOException {
        Set<Path> dirs = new HashSet<>();
        for (Map.Entry<Path, Path> w : temps.entrySet()) {
            if (Files.exists(w.getValue())) {
                Files.move(w.getValue(), w.getKey(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            dirs.add(w.getKey().getParent());
        }
        for (Path d : deletes) {
            Files.deleteIfExists(d);
            dirs.add(d.getParent());
        }
        for (Path dir : dirs) {
            AtomicFiles.syncDirectory(dir);
        }
        appendMissing(newEvents);
    }

    /** Appends those of {@code newEvents} that are not already at the end of the log. */
    private void appendMissing(List<ObjectNode> newEvents) throws IOException {
        if (newEvents.isEmpty()) {
            return;
        }
        Set<String> present = new HashSet<>();
        for (Event e : events.tail(newEvents.size())) {
            present.add(e.id());
        }
        List<ObjectNode> missing = new ArrayList<>();
        for (ObjectNode e : newEvents) {
            if (!present.contains(e.path("id").asText())) {
                missing.add(e);
            }
        }
        long sizeBefore = sizeOf(events.file());
        try {
            events.append(missing);
        } catch (IOException e) {
            // A full disk can stop the append mid-line: cut the log back so that the retry by the next
            // command appends whole lines after whole lines.
            try (FileChannel log = FileChannel.open(events.file(), StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                log.truncate(sizeBefore);
            } catch (IOException truncateFailed) {
                e.addSuppressed(truncateFailed);
            }
            throw e;
        }
    }

    private static long sizeOf(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /**
     * Rolls a crashed commit forward and clears debris of commits that crashed before their journal was
     * written. Call with the store's exclusive lock held (no other commit can be in progress).
     */
    boolean recover() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(paths.journal());
        } catch (NoSuchFileException e) {
            clearTmp();
            return false;
        }
        JsonNode j = Json.parse(bytes);
        Map<Path, Path> temps = new LinkedHashMap<>();
        j.path("writes").forEach(w -> temps.put(resolve(w.path("target").asText()), resolve(w.path("temp").asText())));
        List<Path> deletes = new ArrayList<>();
        j.path("deletes").forEach(d -> deletes.add(resolve(d.asText())));
        List<ObjectNode> evs = new ArrayList<>();
        j.path("events").forEach(e -> evs.add((ObjectNode) e));
        apply(temps, deletes, evs);
        Files.deleteIfExists(paths.journal());
        clearTmp();
        return true;
    }

    private void clearTmp() throws IOException {
        if (!Files.isDirectory(paths.tmpDir())) {
            return;
        }
        try (var leftovers = Files.newDirectoryStream(paths.tmpDir())) {
            for (Path p : leftovers) {
                Files.deleteIfExists(p);
            }
        }
    }

    private String relative(Path p) {
        return paths.dataDir().relativize(p).toString();
    }

    private Path resolve(String relative) {
        Path p = paths.dataDir().resolve(relative).normalize();
        if (!p.startsWith(paths.dataDir())) {
            throw new IllegalStateException("journal " + paths.journal() + " names a path outside the store: "
                    + relative);
        }
        return p;
    }
}
