package dev.jit.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.json.GateCodec;
import dev.jit.core.json.IssueCodec;
import dev.jit.core.json.Json;
import dev.jit.core.model.Gate;
import dev.jit.core.model.GateRegistry;
import dev.jit.core.model.Issue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading and rendering of the store's JSON files: index, gate registry and issue files. */
final class StoreFiles {
    private StoreFiles() {
    }

    /** The parsed index: ids in creation order plus any fields a newer version added. */
    record Index(int schemaVersion, List<String> ids, Map<String, JsonNode> extra) {
    }

    static Index readIndex(StorePaths paths) {
        JsonNode node = readJson(paths.index());
        if (node == null) {
            throw new JitException(ErrorCode.REPO_NOT_FOUND,
                    "JIT repository at '" + paths.dataDir() + "' is not properly initialized (missing index.json)",
                    Map.of("data_dir", paths.dataDir().toString()), List.of("Run 'jit init' to initialize it"));
        }
        List<String> ids = new ArrayList<>();
        node.path("all_ids").forEach(n -> ids.add(n.asText()));
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("schema_version") && !e.getKey().equals("all_ids")) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        return new Index(node.path("schema_version").asInt(1), ids, extra);
    }

    static byte[] renderIndex(Index index) {
        ObjectNode n = Json.object();
        n.put("schema_version", index.schemaVersion());
        ArrayNode ids = n.putArray("all_ids");
        index.ids().forEach(ids::add);
        index.extra().forEach(n::set);
        return bytes(n);
    }

    static GateRegistry readRegistry(StorePaths paths) {
        JsonNode node = readJson(paths.gates());
        if (node == null) {
            return GateRegistry.empty();
        }
        TreeMap<String, Gate> gates = new TreeMap<>();
        node.path("gates").fields().forEachRemaining(e -> gates.put(e.getKey(), GateCodec.fromJson(e.getKey(), e.getValue())));
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("gates")) {
                extra.put(e.getKey(), e.getValue());
            }
        });
        return new GateRegistry(gates, extra);
    }

    static byte[] renderRegistry(GateRegistry registry) {
        ObjectNode n = Json.object();
        ObjectNode gates = n.putObject("gates");
        registry.gates().forEach((k, g) -> gates.set(k, GateCodec.toJson(g)));
        registry.extra().forEach(n::set);
        return bytes(n);
    }

    /** Reads one issue file; null when the file does not exist. */
    static Issue readIssue(Path file) throws CorruptFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new JitException(ErrorCode.IO_ERROR, "Cannot read " + file + ": " + e.getMessage());
        }
        Issue issue = parseIssue(file, bytes);
        String expected = file.getFileName().toString().replaceFirst("\\.json$", "");
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
        try {
            return Json.parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new JitException(ErrorCode.CORRUPT_DATA, "Cannot read " + file + ": "
                    + e.getMessage().lines().findFirst().orElse(""), Map.of("file", file.toString()),
                    List.of("Fix or restore the file, then run 'jit validate'"));
        }
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
