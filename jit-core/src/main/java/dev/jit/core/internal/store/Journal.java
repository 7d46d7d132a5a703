package dev.jit.core.internal.store;

import dev.jit.core.internal.io.AtomicFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.internal.RandomUuids;
import dev.jit.core.events.Event;
import dev.jit.core.internal.log.EventLog;
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
            // A temp a backup or crash lost is skipped (validate reconciles index and files); anything but a
            // regular file there (a planted link) is never moved into the store.
            if (AtomicFiles.kind(w.getValue()) == AtomicFiles.Kind.FILE) {
                GateRunFiles.prepareDirectory(paths, w.getKey());
                Files.move(w.getValue(), w.getKey(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            dirs.add(w.getKey().getParent());
        }
        for (Path d : deletes) {
            try {
                Files.deleteIfExists(d); // the entry itself: a link is removed, not followed
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                // a directory planted under issues/ is left for a human (validate reports it)
            }
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

    /** What a journal asks recovery to do, every path checked to be one a commit can name. */
    record Plan(Map<Path, Path> temps, List<Path> deletes, List<ObjectNode> events) {
    }

    /** The journal read and checked: a plan, or the damage that makes it unusable (both null: no journal). */
    record Parsed(Plan plan, StoreLayout.Damage damage) {
    }

    /**
     * Reads the journal without applying it. It is unusable when it is not a regular file, not JSON of the
     * shape {@link #describe} writes, or names a path no commit writes: targets other than
     * {@code issues/<id>.json}, {@code index.json}, {@code gates.json} and {@code dispatch.json}, deletions outside {@code issues/},
     * temp files outside {@code tmp/}.
     */
    Parsed parse() throws IOException {
        StoreLayout.Damage kind = StoreLayout.check(paths, StoreLayout.JOURNAL);
        if (kind != null) {
            return new Parsed(null, kind);
        }
        byte[] bytes;
        try {
            bytes = AtomicFiles.readRegular(paths.journal());
        } catch (NoSuchFileException e) {
            return new Parsed(null, null);
        }
        JsonNode j;
        try {
            j = Json.parse(bytes);
        } catch (IOException e) {
            return unusable("journal_unreadable", "cannot be parsed: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!j.isObject() || !arrayOrAbsent(j, "writes") || !arrayOrAbsent(j, "deletes") || !arrayOrAbsent(j, "events")) {
            return unusable("journal_unreadable", "is not an object with \"writes\", \"deletes\" and \"events\" arrays");
        }
        Map<Path, Path> temps = new LinkedHashMap<>();
        for (JsonNode w : j.path("writes")) {
            String target = w.path("target").asText("");
            String temp = w.path("temp").asText("");
            if (!isCommitTarget(target) || !isEntryOf("tmp", temp) && !isLegacyTemp(target, temp)) {
                return unusable("journal_outside_store", "names a write of '" + target + "' from '" + temp
                        + "'; a commit only writes issues/<id>.json, index.json, gates.json, dispatch.json and "
                        + "gate-runs/<run id>/result.json from tmp/");
            }
            temps.put(paths.dataDir().resolve(target), paths.dataDir().resolve(temp));
        }
        List<Path> deletes = new ArrayList<>();
        for (JsonNode d : j.path("deletes")) {
            if (!isEntryOf("issues", d.asText(""))) {
                return unusable("journal_outside_store", "names a deletion of '" + d.asText("") + "'; a commit only "
                        + "deletes entries of issues/");
            }
            deletes.add(paths.dataDir().resolve(d.asText()));
        }
        List<ObjectNode> evs = new ArrayList<>();
        for (JsonNode e : j.path("events")) {
            if (!(e instanceof ObjectNode obj)) {
                return unusable("journal_unreadable", "holds an event that is not a JSON object");
            }
            evs.add(obj);
        }
        return new Parsed(new Plan(temps, deletes, evs), null);
    }

    private Parsed unusable(String code, String reason) {
        return new Parsed(null, new StoreLayout.Damage(code, StoreLayout.JOURNAL.name(), StoreLayout.JOURNAL.name()
                + " (an interrupted write) " + reason, true));
    }

    private static boolean arrayOrAbsent(JsonNode j, String field) {
        return !j.has(field) || j.get(field).isArray();
    }

    /**
     * A file a commit replaces: index.json, gates.json, dispatch.json, issues/<valid id>.json or
     * gate-runs/<run id>/result.json.
     */
    private static boolean isCommitTarget(String relative) {
        if (relative.equals(StoreLayout.INDEX.name()) || relative.equals(StoreLayout.GATES.name())
                || relative.equals(StoreLayout.DISPATCH.name()) || GateRunFiles.isRecordPath(relative)) {
            return true;
        }
        String prefix = StoreLayout.ISSUES.name() + "/";
        return relative.startsWith(prefix) && relative.endsWith(".json")
                && IssueIds.isValid(relative.substring(prefix.length(), relative.length() - ".json".length()));
    }

    /** A temp next to its target, {@code <target>.<txn>.tmp}, as journals of jit before tmp/ name them. */
    private static boolean isLegacyTemp(String target, String temp) {
        return temp.startsWith(target + ".") && temp.endsWith(".tmp")
                && temp.indexOf('/', target.length()) < 0 && !temp.contains("..");
    }

    /** {@code dir/name} for a plain name: one path component, not "." or "..". */
    private static boolean isEntryOf(String dir, String relative) {
        if (!relative.startsWith(dir + "/")) {
            return false;
        }
        String name = relative.substring(dir.length() + 1);
        return !name.isEmpty() && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf('\0') < 0
                && !name.equals(".") && !name.equals("..");
    }

    /**
     * Rolls a crashed commit forward and clears debris of commits that crashed before their journal was
     * written. Call with the store's exclusive lock held (no other commit can be in progress). A journal that
     * cannot be applied, or a {@code tmp/} that is not a real directory, fails with CORRUPT_DATA naming it
     * (before anything is changed); {@code jit validate --fix} removes it.
     */
    boolean recover() throws IOException {
        StoreLayout.require(paths, StoreLayout.TMP);
        Parsed parsed = parse();
        if (parsed.damage() != null) {
            throw StoreLayout.damaged(paths, parsed.damage());
        }
        if (parsed.plan() == null) {
            clearTmp();
            return false;
        }
        StoreLayout.require(paths, StoreLayout.ISSUES);
        StoreLayout.require(paths, StoreLayout.EVENTS);
        Plan plan = parsed.plan();
        apply(plan.temps(), plan.deletes(), plan.events());
        Files.deleteIfExists(paths.journal());
        clearTmp();
        return true;
    }

    /** Removes every entry of tmp/ but directories (never created by jit; left for validate to report). */
    private void clearTmp() throws IOException {
        if (AtomicFiles.kind(paths.tmpDir()) != AtomicFiles.Kind.DIRECTORY) {
            return;
        }
        try (var leftovers = Files.newDirectoryStream(paths.tmpDir())) {
            for (Path p : leftovers) {
                if (AtomicFiles.kind(p) != AtomicFiles.Kind.DIRECTORY) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private String relative(Path p) {
        return paths.dataDir().relativize(p).toString();
    }
}
