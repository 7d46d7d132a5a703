package dev.jit.core.internal.store;

import dev.jit.core.internal.io.AtomicFiles;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.internal.CurrentProcess;
import dev.jit.core.json.Json;
import dev.jit.core.model.DocumentReference;
import dev.jit.core.model.GateState;
import dev.jit.core.model.GateStatus;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Lease;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A derived, rebuildable snapshot of every issue in one binary file ({@code cache/issues.bin}), so that
 * listing 10,000 issues reads one file instead of parsing 10,000.
 *
 * <p>Validity: the snapshot records a {@link Key} (modification times of {@code issues/} and
 * {@code index.json}, and the index size). Every commit appends a record to {@code cache/delta.bin}: the key
 * before and after it, each issue it wrote in the snapshot's encoding, and the ids it deleted. A reader
 * follows that chain from the snapshot's key and takes the changed issues from it, so a read after a write
 * parses no JSON (the first JSON parse of a process costs a short command some 20 ms). If the chain does not
 * lead to the current key, something outside jit changed the store (git checkout, a rename, a new file, an
 * older jit) and the snapshot is rebuilt from the files. An in-place rewrite of an issue file that leaves
 * the directory untouched is not noticed until the next rebuild; {@code jit validate} always reads the files.
 */
final class IssueCache {
    private static final int MAGIC = 0x4a495443; // "JITC"
    private static final int FORMAT = 4;
    /**
     * Changed issues a reader tolerates in the delta before writing a fresh snapshot: each costs every read
     * one more decode (microseconds), a rewrite costs about one pass over all issues, so the limit grows
     * with the store.
     */
    private static final int COMPACT_AFTER_MIN = 32;
    private static final int COMPACT_AFTER_FRACTION = 64;

    private final StorePaths paths;

    IssueCache(StorePaths paths) {
        this.paths = paths;
    }

    /** What identifies one version of the store's issue files. */
    record Key(long issuesDirMtime, long indexMtime, long indexSize) {
        // Written out: a record's generated equals and hashCode are bootstrapped through method handles at
        // run time, which costs a short-lived CLI process more than all its reads of the snapshot.
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.issuesDirMtime == issuesDirMtime && k.indexMtime == indexMtime
                    && k.indexSize == indexSize;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(issuesDirMtime) * 961 + Long.hashCode(indexMtime) * 31 + Long.hashCode(indexSize);
        }

        String encode() {
            return issuesDirMtime + ":" + indexMtime + ":" + indexSize;
        }

        static Key decode(String text) {
            String[] p = text.split(":");
            return new Key(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]));
        }
    }

    Key currentKey() throws IOException {
        return new Key(Files.getLastModifiedTime(paths.issuesDir(), LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS),
                Files.getLastModifiedTime(paths.index(), LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS),
                Files.size(paths.index()));
    }

    private Path snapshotFile() {
        return paths.cacheDir().resolve("issues.bin");
    }

    private Path deltaFile() {
        return paths.cacheDir().resolve("delta.bin");
    }

    /**
     * A valid snapshot brought up to date by the delta: the cached issues, the ids whose files must be read
     * instead (deleted, or re-created since), and how many issue changes the delta held.
     */
    record Snapshot(Map<String, Issue> issues, Set<String> stale, int deltaSize, Key key) {
    }

    /** The snapshot if it can be brought up to {@code current}; null when it must be rebuilt. */
    Snapshot load(Key current) {
        try {
            // Never through a link or from a FIFO: a cache planted in a checkout is read only if it is a file.
            if (AtomicFiles.kind(paths.cacheDir()) != AtomicFiles.Kind.DIRECTORY) {
                return null;
            }
            Decoder in = new Decoder(AtomicFiles.readRegular(snapshotFile()));
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                return null;
            }
            Key key = Key.decode(in.readString());
            Map<String, Issue> changed = new LinkedHashMap<>();
            Set<String> stale = new LinkedHashSet<>();
            int[] deltaSize = new int[1];
            Key reached = followDelta(key, changed, stale, deltaSize);
            if (!reached.equals(current)) {
                return null;
            }
            int count = in.readCount(4);
            Map<String, Issue> issues = new HashMap<>((count + changed.size()) * 2);
            for (int k = 0; k < count; k++) {
                Issue issue = readIssue(in);
                issues.put(issue.id(), issue);
            }
            issues.putAll(changed);
            return new Snapshot(issues, stale, deltaSize[0], current);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // a damaged cache is simply rebuilt
        }
    }

    /**
     * Follows the delta's records from the snapshot's key {@code from}: the issues they wrote go to
     * {@code changed}, the ids they deleted to {@code stale}. Returns the key reached.
     */
    private Key followDelta(Key from, Map<String, Issue> changed, Set<String> stale, int[] deltaSize)
            throws IOException {
        byte[] bytes;
        try {
            bytes = AtomicFiles.readRegular(deltaFile());
        } catch (NoSuchFileException e) {
            return from;
        }
        Key at = from;
        Decoder in = new Decoder(bytes);
        while (in.remaining() > 0) {
            Decoder commit = in.readRecord();
            if (commit == null) {
                break; // torn or damaged tail of a crashed writer: what follows it cannot be trusted either
            }
            if (!Key.decode(commit.readString()).equals(at)) {
                continue; // from before the snapshot, or from a writer that saw another version
            }
            at = Key.decode(commit.readString());
            for (int n = commit.readCount(4); n > 0; n--) {
                Issue issue = readIssue(commit);
                changed.put(issue.id(), issue);
                stale.remove(issue.id());
                deltaSize[0]++;
            }
            for (int n = commit.readCount(4); n > 0; n--) {
                String id = commit.readString();
                changed.remove(id);
                stale.add(id);
                deltaSize[0]++;
            }
        }
        return at;
    }

    /**
     * Records a commit from key {@code before} to {@code after}, so readers can keep using the snapshot: one
     * record (length, CRC-32, body) appended in a single write.
     */
    void recordCommit(Key before, Key after, Map<String, Issue> written, Set<String> deleted) throws IOException {
        if (AtomicFiles.kind(paths.cacheDir()) != AtomicFiles.Kind.DIRECTORY
                || AtomicFiles.kind(snapshotFile()) != AtomicFiles.Kind.FILE) {
            return;
        }
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        writeString(out, before.encode());
        writeString(out, after.encode());
        out.writeInt(written.size());
        for (Issue issue : written.values()) {
            writeIssue(out, issue);
        }
        writeList(out, List.copyOf(deleted));
        out.flush();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.toByteArray());
        java.io.ByteArrayOutputStream record = new java.io.ByteArrayOutputStream(body.size() + 8);
        DataOutputStream framed = new DataOutputStream(record);
        framed.writeInt(body.size());
        framed.writeInt((int) crc.getValue());
        body.writeTo(framed);
        framed.flush();
        try (java.nio.channels.FileChannel ch = AtomicFiles.openRegular(deltaFile(), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(record.toByteArray());
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }

    /** Whether the delta log has grown enough that readers should write a fresh snapshot. */
    static boolean needsCompaction(Snapshot s) {
        return s.deltaSize() > Math.max(COMPACT_AFTER_MIN, s.issues().size() / COMPACT_AFTER_FRACTION);
    }

    /** Writes a fresh snapshot for {@code key} and clears the delta log (best effort: the cache is optional). */
    void write(Key key, Collection<Issue> issues) {
        Path temp = paths.cacheDir().resolve("issues.bin." + CurrentProcess.pid() + "."
                + Thread.currentThread().getId() + ".tmp");
        boolean cacheDirChecked = false;
        try {
            AtomicFiles.Kind dir = AtomicFiles.kind(paths.cacheDir());
            if (dir == AtomicFiles.Kind.ABSENT) {
                Files.createDirectory(paths.cacheDir());
            } else if (dir != AtomicFiles.Kind.DIRECTORY) {
                return; // a link or file at cache/: validate reports it; no cache meanwhile
            }
            cacheDirChecked = true;
            Files.deleteIfExists(temp);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                writeString(out, key.encode());
                out.writeInt(issues.size());
                for (Issue issue : issues) {
                    writeIssue(out, issue);
                }
            }
            // Order matters: a reader that sees the new snapshot with the old delta ignores delta lines
            // that do not start at the new key.
            Files.move(temp, snapshotFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(deltaFile());
        } catch (IOException | RuntimeException e) {
            // Not being able to cache (read-only store, full disk) only costs speed; a half-written temp
            // file would only take space a full disk does not have.
            try {
                if (cacheDirChecked) { // never through a link at cache/
                    Files.deleteIfExists(temp);
                }
            } catch (IOException ignored) {
                // nothing was written, or it cannot be removed either: the next successful write replaces it
            }
        }
    }

    private static void writeIssue(DataOutputStream out, Issue i) throws IOException {
        writeString(out, i.id());
        writeString(out, i.title());
        writeString(out, i.description());
        out.writeByte(i.state().ordinal());
        out.writeByte(i.priority().ordinal());
        writeString(out, i.assignee());
        writeList(out, i.dependencies());
        writeList(out, i.gatesRequired());
        out.writeInt(i.gatesStatus().size());
        for (Map.Entry<String, GateState> g : i.gatesStatus().entrySet()) {
            writeString(out, g.getKey());
            out.writeByte(g.getValue().status().ordinal());
            writeString(out, g.getValue().updatedBy());
            writeString(out, g.getValue().updatedAt());
            writeExtra(out, g.getValue().extra());
        }
        out.writeInt(i.context().size());
        for (Map.Entry<String, String> c : i.context().entrySet()) {
            writeString(out, c.getKey());
            writeString(out, c.getValue());
        }
        out.writeInt(i.documents().size());
        for (DocumentReference d : i.documents()) {
            writeString(out, d.path());
            writeString(out, d.commit());
            writeString(out, d.label());
            writeString(out, d.docType());
            writeExtra(out, d.extra());
        }
        writeList(out, i.labels());
        writeString(out, i.createdAt());
        writeString(out, i.updatedAt());
        Lease lease = i.lease();
        out.writeBoolean(lease != null);
        if (lease != null) {
            writeString(out, lease.holder());
            out.writeLong(lease.ttlSeconds());
            writeString(out, lease.acquiredAt());
            writeString(out, lease.expiresAt());
            writeString(out, lease.lastBeat());
        }
        writeExtra(out, i.extra());
    }

    private static void writeExtra(DataOutputStream out, Map<String, JsonNode> extra) throws IOException {
        if (extra.isEmpty()) {
            out.writeBoolean(false);
        } else {
            out.writeBoolean(true);
            var obj = Json.object();
            extra.forEach(obj::set);
            writeString(out, Json.compact(obj));
        }
    }

    private static Map<String, JsonNode> readExtra(Decoder in) throws IOException {
        if (!in.readBoolean()) {
            return Map.of();
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = Json.parse(in.readString()).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            extra.put(e.getKey(), e.getValue());
        }
        return extra;
    }

    // values() copies its array on every call, and a load decodes thousands of issues.
    private static final State[] STATES = State.values();
    private static final Priority[] PRIORITIES = Priority.values();
    private static final GateStatus[] GATE_STATUSES = GateStatus.values();

    private static Issue readIssue(Decoder in) throws IOException {
        String id = in.readString();
        String title = in.readString();
        String description = in.readString();
        State state = STATES[in.readByte()];
        Priority priority = PRIORITIES[in.readByte()];
        String assignee = in.readString();
        List<String> deps = in.readList();
        List<String> gates = in.readList();
        // Most issues have no gates, context or documents: no empty collections are made for them (the Issue
        // constructor shares one empty instance of each).
        SortedMap<String, GateState> gateStatus = Collections.emptySortedMap();
        int gateCount = in.readInt();
        if (gateCount > 0) {
            gateStatus = new TreeMap<>();
        }
        for (int n = gateCount; n > 0; n--) {
            String key = in.readString();
            gateStatus.put(key, new GateState(GATE_STATUSES[in.readByte()], in.readString(), in.readString(),
                    readExtra(in)));
        }
        SortedMap<String, String> context = Collections.emptySortedMap();
        int contextCount = in.readInt();
        if (contextCount > 0) {
            context = new TreeMap<>();
        }
        for (int n = contextCount; n > 0; n--) {
            context.put(in.readString(), in.readString());
        }
        List<DocumentReference> docs = List.of();
        int docCount = in.readInt();
        if (docCount > 0) {
            docs = new ArrayList<>();
        }
        for (int n = docCount; n > 0; n--) {
            docs.add(new DocumentReference(in.readString(), in.readString(), in.readString(), in.readString(),
                    readExtra(in)));
        }
        List<String> labels = in.readList();
        String created = in.readString();
        String updated = in.readString();
        Lease lease = !in.readBoolean() ? null
                : new Lease(in.readString(), in.readLong(), in.readString(), in.readString(), in.readString());
        return new Issue(id, title, description, state, priority, assignee, deps, gates, gateStatus, context, docs,
                labels, created, updated, lease, readExtra(in));
    }

    /** A string of any length, or null: its UTF-8 length (-1 for null), then its UTF-8 bytes. */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void writeList(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            writeString(out, s);
        }
    }

    /**
     * Reads the snapshot from one byte array. Every command decodes thousands of strings before the JIT has
     * compiled anything, so this is plain array access rather than DataInputStream's layered calls and its
     * char-by-char modified UTF-8.
     */
    private static final class Decoder {
        private final byte[] bytes;
        private int pos;

        Decoder(byte[] bytes) {
            this.bytes = bytes;
        }

        int remaining() {
            return bytes.length - pos;
        }

        /** The next record (length, CRC-32, body) as a decoder of its body; null if it is torn or damaged. */
        Decoder readRecord() throws IOException {
            if (remaining() < 8) {
                return null;
            }
            int length = readInt();
            int checksum = readInt();
            if (length < 0 || length > remaining()) {
                return null;
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(bytes, pos, length);
            if ((int) crc.getValue() != checksum) {
                return null;
            }
            Decoder body = new Decoder(java.util.Arrays.copyOfRange(bytes, pos, pos + length));
            pos += length;
            return body;
        }

        int readInt() throws IOException {
            if (pos + 4 > bytes.length) {
                throw new java.io.EOFException();
            }
            int v = (bytes[pos] & 0xff) << 24 | (bytes[pos + 1] & 0xff) << 16 | (bytes[pos + 2] & 0xff) << 8
                    | bytes[pos + 3] & 0xff;
            pos += 4;
            return v;
        }

        long readLong() throws IOException {
            return (long) readInt() << 32 | readInt() & 0xffffffffL;
        }

        byte readByte() throws IOException {
            if (pos >= bytes.length) {
                throw new java.io.EOFException();
            }
            return bytes[pos++];
        }

        boolean readBoolean() throws IOException {
            return readByte() != 0;
        }

        String readString() throws IOException {
            int length = readInt();
            if (length < 0) {
                return null;
            }
            if (length > bytes.length - pos) {
                throw new java.io.EOFException();
            }
            String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        /** A count of items at least {@code minSize} bytes each: a damaged file must not ask for a huge array. */
        int readCount(int minSize) throws IOException {
            int n = readInt();
            if (n < 0 || n > (bytes.length - pos) / minSize) {
                throw new java.io.EOFException("bad count " + n);
            }
            return n;
        }

        /**
         * An immutable list, as the {@link Issue} constructor keeps it without copying. Most lists hold no, one
         * or two ids, labels or gates.
         */
        List<String> readList() throws IOException {
            int n = readCount(4);
            switch (n) {
                case 0:
                    return List.of();
                case 1:
                    return List.of(readString());
                case 2:
                    return List.of(readString(), readString());
                default:
                    String[] out = new String[n];
                    for (int k = 0; k < n; k++) {
                        out[k] = readString();
                    }
                    return List.of(out);
            }
        }
    }
}
