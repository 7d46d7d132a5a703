package dev.jit.core.internal.store;

import dev.jit.core.internal.io.AtomicFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.internal.codec.DispatchRecordCodec;
import dev.jit.core.internal.codec.GateCodec;
import dev.jit.core.internal.codec.IssueCodec;
import dev.jit.core.json.Json;
import dev.jit.core.model.DispatchRecord;
import dev.jit.core.model.Gate;
import dev.jit.core.model.GateRegistry;
import dev.jit.core.model.Issue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading and rendering of the store's JSON files: index, gate registry, dispatch state and issue files. */
final class StoreFiles {
    private StoreFiles() {
    }

    /**
     * The parsed index: valid ids in creation order, ids that are not valid ids (kept aside so that no path
     * is ever made of them, and written back at the end until {@code jit validate --fix} drops them), plus any
     * fields a newer version added.
     */
    record Index(int schemaVersion, List<String> ids, List<String> invalidIds, Map<String, JsonNode> extra) {
        /** Splits {@code listed} into valid and invalid ids. */
        static Index of(int schemaVersion, List<String> listed, Map<String, JsonNode> extra) {
            List<String> valid = new ArrayList<>(listed.size());
            List<String> invalid = new ArrayList<>(0);
            for (String id : listed) {
                (IssueIds.isValid(id) ? valid : invalid).add(id);
            }
            return new Index(schemaVersion, valid, invalid, extra);
        }
    }

    /** The index; CORRUPT_DATA naming the file when it is not a regular file or not an index. */
    static Index readIndex(StorePaths paths) {
        Path file = paths.index();
        byte[] bytes = readBytes(file);
        if (bytes == null) {
            throw new JitException(ErrorCode.REPO_NOT_FOUND,
                    "JIT repository at '" + paths.dataDir() + "' is not properly initialized (missing index.json)",
                    Map.of("data_dir", paths.dataDir().toString()), List.of("Run 'jit init' to initialize it"));
        }
        Index plain = parsePlainIndex(bytes);
        if (plain != null) {
            return plain;
        }
        JsonNode node = parseJson(file, bytes);
        if (!node.isObject()) {
            throw malformed(file, "it is not a JSON object");
        }
        JsonNode allIds = node.get("all_ids");
        if (allIds == null || !allIds.isArray()) {
            throw malformed(file, "\"all_ids\" is " + (allIds == null ? "missing" : "not an array"));
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : allIds) {
            if (!id.isTextual()) {
                throw malformed(file, "\"all_ids\" holds " + id.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                        + " " + Json.compact(id) + ", not an id string");
            }
            ids.add(id.asText());
        }
        JsonNode version = node.get("schema_version");
        if (version != null && !version.canConvertToInt()) {
            throw malformed(file, "\"schema_version\" is not a number");
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("schema_version") && !e.getKey().equals("all_ids")) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        return Index.of(version == null ? 1 : version.asInt(), ids, extra);
    }

    private static final byte[] PLAIN_INDEX_HEAD = "{\n  \"schema_version\": ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLAIN_INDEX_IDS = ",\n  \"all_ids\": [".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLAIN_INDEX_ID = "\n    \"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLAIN_INDEX_IDS_END = "\n  ]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLAIN_INDEX_END = "\n}\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * The index as {@link #renderIndex} writes it without extra fields, read without Jackson: a read-only
     * command then never loads the JSON library, which is a good part of a short CLI run. Returns null for
     * anything else (extra fields, other layout, escapes), which the general JSON path reads.
     */
    static Index parsePlainIndex(byte[] b) {
        int at = expect(b, 0, PLAIN_INDEX_HEAD);
        int version = 0;
        int digits = 0;
        while (at >= 0 && at < b.length && b[at] >= '0' && b[at] <= '9' && digits < 9) {
            version = version * 10 + (b[at++] - '0');
            digits++;
        }
        boolean canonicalNumber = digits == 1 || digits > 1 && b[at - digits] != '0';
        at = canonicalNumber ? expect(b, at, PLAIN_INDEX_IDS) : -1;
        List<String> ids = new ArrayList<>();
        if (at >= 0 && at < b.length && b[at] == ']') {
            at++;
        } else {
            while (at >= 0) {
                at = expect(b, at, PLAIN_INDEX_ID);
                int start = at;
                while (at >= 0 && at < b.length && b[at] != '"' && b[at] != '\\' && b[at] >= 0x20 && b[at] < 0x7f) {
                    at++;
                }
                if (at < 0 || at >= b.length || b[at] != '"') {
                    return null;
                }
                ids.add(new String(b, start, at - start, StandardCharsets.US_ASCII));
                at++;
                if (at < b.length && b[at] == ',') {
                    at++;
                } else {
                    at = expect(b, at, PLAIN_INDEX_IDS_END);
                    break;
                }
            }
        }
        at = expect(b, at, PLAIN_INDEX_END);
        return at == b.length ? Index.of(version, ids, Map.of()) : null;
    }

    /** The position after {@code text} if it is found at {@code at}, else -1 (also for {@code at} = -1). */
    private static int expect(byte[] b, int at, byte[] text) {
        if (at < 0 || b.length - at < text.length) {
            return -1;
        }
        for (int k = 0; k < text.length; k++) {
            if (b[at + k] != text[k]) {
                return -1;
            }
        }
        return at + text.length;
    }

    static byte[] renderIndex(Index index) {
        ObjectNode n = Json.object();
        n.put("schema_version", index.schemaVersion());
        ArrayNode ids = n.putArray("all_ids");
        for (String id : index.ids()) {
            ids.add(id);
        }
        for (String id : index.invalidIds()) {
            ids.add(id);
        }
        IssueCodec.setAll(n, index.extra());
        return bytes(n);
    }

    static GateRegistry readRegistry(StorePaths paths) {
        JsonNode node = readJson(paths.gates());
        if (node == null) {
            return GateRegistry.empty();
        }
        if (!node.isObject() || node.has("gates") && !node.get("gates").isObject()) {
            throw malformed(paths.gates(), "it is not an object with a \"gates\" object");
        }
        TreeMap<String, Gate> gates = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("gates").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            gates.put(e.getKey(), GateCodec.fromJson(e.getKey(), e.getValue()));
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("gates")) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        return new GateRegistry(gates, extra);
    }

    static byte[] renderRegistry(GateRegistry registry) {
        ObjectNode n = Json.object();
        ObjectNode gates = n.putObject("gates");
        for (Map.Entry<String, Gate> g : registry.gates().entrySet()) {
            gates.set(g.getKey(), GateCodec.toJson(g.getValue()));
        }
        IssueCodec.setAll(n, registry.extra());
        return bytes(n);
    }

    /**
     * The dispatchers' per-issue state; empty when the file does not exist. A file that is not a regular file,
     * not JSON, or not an object whose {@code issues} is an object is CORRUPT_DATA naming it (never read as
     * empty, which the next write would make true). An entry that is not a valid issue id with a record of the
     * right shape is left out with one warning and written back unchanged.
     */
    static DispatchState readDispatchState(StorePaths paths, java.util.function.Consumer<String> warnings) {
        Path file = paths.dispatch();
        JsonNode node = readJson(file);
        if (node == null) {
            return DispatchState.empty();
        }
        if (!node.isObject() || node.has("issues") && !node.get("issues").isObject()) {
            throw malformed(file, "it is not an object with an \"issues\" object");
        }
        TreeMap<String, DispatchRecord> records = new TreeMap<>();
        TreeMap<String, JsonNode> unreadable = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("issues").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String problem = null;
            if (!IssueIds.isValid(e.getKey())) {
                problem = "is not a valid issue id";
            } else {
                try {
                    records.put(e.getKey(), DispatchRecordCodec.fromJson(e.getKey(), e.getValue()));
                } catch (IllegalArgumentException bad) {
                    problem = bad.getMessage();
                }
            }
            if (problem != null) {
                unreadable.put(e.getKey(), e.getValue());
                warnings.accept("ignoring entry " + Json.compact(e.getKey()) + " of " + file + ": it " + problem
                        + " (it is kept as it is; fix or remove it)");
            }
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("issues")) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        return new DispatchState(records, unreadable, extra);
    }

    static byte[] renderDispatchState(DispatchState state) {
        ObjectNode n = Json.object();
        ObjectNode issues = n.putObject("issues");
        TreeMap<String, JsonNode> all = new TreeMap<>(state.unreadable());
        for (DispatchRecord r : state.records().values()) {
            all.put(r.issueId(), DispatchRecordCodec.toJson(r));
        }
        for (Map.Entry<String, JsonNode> e : all.entrySet()) {
            issues.set(e.getKey(), e.getValue());
        }
        IssueCodec.setAll(n, state.extra());
        return bytes(n);
    }

    /** Reads one issue file; null when the file does not exist. */
    static Issue readIssue(Path file) throws CorruptFileException {
        byte[] bytes;
        try {
            bytes = AtomicFiles.readRegular(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (AtomicFiles.NotARegularFileException e) {
            throw new CorruptFileException(file, e.kind().description() + ", not a regular file");
        } catch (IOException e) {
            throw new JitException(ErrorCode.IO_ERROR, "Cannot read " + file + ": " + e.getMessage());
        }
        Issue issue = parseIssue(file, bytes);
        String name = file.getFileName().toString();
        String expected = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        if (!issue.id().equals(expected)) {
            // e.g. a hand-copied file: it would pose as a second copy of another issue
            throw new CorruptFileException(file, "its id is " + issue.id() + ", not " + expected);
        }
        return issue;
    }

    static Issue parseIssue(Path file, byte[] bytes) throws CorruptFileException {
        try {
            return IssueCodec.fromJson(Json.parse(bytes));
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptFileException(file, e.getMessage().lines().findFirst().orElse("unreadable"));
        }
    }

    static byte[] renderIssue(Issue issue) {
        return bytes(IssueCodec.toJson(issue));
    }

    private static byte[] bytes(JsonNode n) {
        return Json.pretty(n).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode readJson(Path file) {
        byte[] bytes = readBytes(file);
        return bytes == null ? null : parseJson(file, bytes);
    }

    /** The regular file's bytes, or null when it does not exist. */
    private static byte[] readBytes(Path file) {
        try {
            return AtomicFiles.readRegular(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (AtomicFiles.NotARegularFileException e) {
            throw malformed(file, e.kind().description() + ", not a regular file");
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static JsonNode parseJson(Path file, byte[] bytes) {
        try {
            return Json.parse(bytes);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static JitException unreadable(Path file, IOException e) {
        return malformed(file, e.getMessage().lines().findFirst().orElse(""));
    }

    private static JitException malformed(Path file, String reason) {
        return new JitException(ErrorCode.CORRUPT_DATA, "Cannot read " + file + ": " + reason,
                Map.of("file", file.toString()), List.of(file.getFileName().toString().equals("index.json")
                        ? "Run 'jit validate --fix' to rebuild index.json from issues/"
                        : "Fix or restore the file (e.g. from git), then run 'jit validate'"));
    }

    /** An issue file that exists but cannot be read as an issue. */
    static final class CorruptFileException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Path file;
        private final String reason;

        CorruptFileException(Path file, String reason) {
            super(file + ": " + reason);
            this.file = file;
            this.reason = reason;
        }

        String reason() {
            return reason;
        }

        Path file() {
            return file;
        }

        JitException toJitException() {
            return new JitException(ErrorCode.CORRUPT_DATA, "Cannot read issue file " + getMessage(),
                    Map.of("file", file.toString()),
                    List.of("Fix or restore the file, then run 'jit validate'"));
        }
    }
}
