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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies one command's changes to several files as a unit. New contents go to fsynced temp files, then
 * a journal naming them is written, then events are appended and the temp files renamed into place,
 * then the journal is removed. A crash at any point leaves either no journal (nothing visible happened)
 * or a complete journal that {@link #recover} rolls forward; recovery is idempotent.
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

    void commit(List<Change> changes, List<ObjectNode> newEvents) throws IOException {
        String txn = RandomUuids.next().toString().substring(0, 8);
        Map<Path, Path> temps = new LinkedHashMap<>();
        List<Path> deletes = new ArrayList<>();
        Files.createDirectories(paths.tmpDir());
        try {
            int n = 0;
            for (Change c : changes) {
                if (c.content() == null) {
                    deletes.add(c.target());
                } else {
                    // Same file system as the target, so the final rename is atomic.
                    Path temp = paths.tmpDir().resolve(txn + "-" + (n++) + "-" + c.target().getFileName() + ".tmp");
                    AtomicFiles.writeDurably(temp, c.content());
                    temps.put(c.target(), temp);
                }
            }
            AtomicFiles.syncDirectory(paths.tmpDir());
            AtomicFiles.replace(paths.journal(), Json.pretty(describe(temps, deletes, newEvents))
                    .getBytes(StandardCharsets.UTF_8), paths.tmpDir());
        } catch (IOException | RuntimeException e) {
            for (Path temp : temps.values()) {
                Files.deleteIfExists(temp);
            }
            throw e;
        }
        // From here on the command is decided: a crash is rolled forward by recover().
        apply(temps, deletes, newEvents);
        Files.deleteIfExists(paths.journal());
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
        appendMissing(newEvents);
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
        events.append(missing);
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
