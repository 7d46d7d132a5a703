package dev.jit.core.internal.store;

import dev.jit.core.internal.io.AtomicFiles;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fixed entries of a store and the kind each must be. jit reads and writes nothing through a symbolic
 * link and opens only regular files, so a link, directory or FIFO where a file belongs (or a link or file
 * where a directory belongs) is damage: commands that need the entry refuse with CORRUPT_DATA, and
 * {@code jit validate} reports it; {@code --fix} removes the entry itself (never what a link points to,
 * never a directory that is not empty).
 */
public final class StoreLayout {
    private StoreLayout() {
    }

    /** One fixed entry: its name in the store directory, whether it is a directory, whether it must exist. */
    record Entry(String name, boolean directory, boolean required, boolean derived) {
    }

    static final Entry ISSUES = new Entry("issues", true, true, false);
    static final Entry INDEX = new Entry("index.json", false, true, false);
    static final Entry GATES = new Entry("gates.json", false, false, false);
    static final Entry DISPATCH = new Entry("dispatch.json", false, false, false);
    static final Entry EVENTS = new Entry("events.jsonl", false, false, false);
    static final Entry JOURNAL = new Entry(".journal.json", false, false, false);
    static final Entry TMP = new Entry("tmp", true, false, true);
    static final Entry CACHE = new Entry("cache", true, false, true);
    static final Entry GATE_RUNS = new Entry(GateRunFiles.DIR, true, false, false);
    static final List<Entry> ENTRIES = List.of(ISSUES, INDEX, GATES, DISPATCH, EVENTS, JOURNAL, TMP, CACHE, GATE_RUNS);

    /**
     * Something wrong in a store, found by a command or by {@code jit validate}.
     *
     * @param code    the problem kind {@code jit validate} reports, e.g. {@code symlink}
     * @param file    the entry, relative to the store directory
     * @param fixable whether {@code jit validate --fix} repairs it
     */
    public record Damage(String code, String file, String message, boolean fixable) {
    }

    /** The entry's damage, or null when it is of the right kind (or absent and optional). */
    static Damage check(StorePaths paths, Entry entry) {
        return check(paths.dataDir(), entry.name(), entry.directory(), !entry.required(), entry.derived());
    }

    /**
     * The damage of the entry {@code relative} (under {@code dataDir}) that should be a directory or a regular
     * file, or null. A wrong entry is fixable when removing it loses nothing: a link, a special file, an empty
     * directory, or anything at all where only derived data ({@code tmp/}, {@code cache/}) belongs.
     */
    static Damage check(Path dataDir, String relative, boolean directory, boolean mayBeAbsent, boolean derived) {
        Path path = dataDir.resolve(relative);
        AtomicFiles.Kind kind = kindOrUnknown(path);
        AtomicFiles.Kind expected = directory ? AtomicFiles.Kind.DIRECTORY : AtomicFiles.Kind.FILE;
        if (kind == expected || kind == AtomicFiles.Kind.ABSENT && mayBeAbsent || kind == null) {
            return null;
        }
        String shown = relative + (directory ? "/" : "");
        if (kind == AtomicFiles.Kind.ABSENT) {
            return new Damage(directory ? "not_a_directory" : "missing_file", shown, shown + " is missing", directory);
        }
        boolean removable = kind == AtomicFiles.Kind.LINK || kind == AtomicFiles.Kind.OTHER || derived
                && kind == AtomicFiles.Kind.FILE || kind == AtomicFiles.Kind.DIRECTORY && isEmptyDirectory(path);
        String code = kind == AtomicFiles.Kind.LINK ? "symlink" : directory ? "not_a_directory" : "not_a_regular_file";
        String what = directory ? "a directory" : "a regular file";
        return new Damage(code, shown, shown + " " + kind.description() + ", not " + what
                + (kind == AtomicFiles.Kind.LINK ? " (jit never follows links inside a store)" : ""), removable);
    }

    /** The damage of every fixed entry. */
    static List<Damage> inspect(StorePaths paths) {
        List<Damage> out = new ArrayList<>();
        for (Entry e : ENTRIES) {
            Damage d = check(paths, e);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    /** Throws CORRUPT_DATA naming the entry unless it is of the right kind (or absent, when optional). */
    static void require(StorePaths paths, Entry entry) {
        Damage d = check(paths, entry);
        if (d != null) {
            throw damaged(paths, d);
        }
    }

    static JitException damaged(StorePaths paths, Damage d) {
        return new JitException(ErrorCode.CORRUPT_DATA, "Store entry " + paths.dataDir().resolve(d.file()) + ": "
                + d.message(), Map.of("file", paths.dataDir().resolve(d.file()).toString(), "problem", d.code()),
                List.of("Run 'jit validate' to see every problem, 'jit validate --fix' to repair what is safe"));
    }

    /**
     * Removes the entry named by fixable damage: the link, special file or empty directory itself (or a file
     * where only derived data belongs). {@link Files#delete} never follows a link and refuses a non-empty
     * directory, so nothing else can be touched.
     */
    static void remove(StorePaths paths, Damage d) throws IOException {
        String name = d.file().endsWith("/") ? d.file().substring(0, d.file().length() - 1) : d.file();
        Path entry = paths.dataDir().resolve(name).normalize();
        if (!entry.getParent().startsWith(paths.dataDir())) {
            throw new IllegalArgumentException("not inside the store: " + d.file());
        }
        Files.deleteIfExists(entry);
    }

    private static AtomicFiles.Kind kindOrUnknown(Path path) {
        try {
            return AtomicFiles.kind(path);
        } catch (IOException e) {
            return null; // unreadable attributes: whoever opens it reports the error
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }
}
