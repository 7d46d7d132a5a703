package dev.jit.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.internal.io.AtomicFiles;
import dev.jit.core.json.Json;
import dev.jit.core.model.GateRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The gate-run records of a store: {@code gate-runs/<run_id>/result.json}, as the reference tool writes them.
 * A store is input: only directories named by a run id are looked at, nothing is followed (a link, a file where
 * a run directory belongs, a record that is not a regular file or not a run record is skipped with a warning
 * and reported by {@code jit validate}), and a run id never becomes a path unless it is one.
 */
public final class GateRunFiles {
    public static final String DIR = "gate-runs";
    public static final String RESULT = "result.json";
    private static final List<String> FIELDS = List.of("schema_version", "run_id", "gate_key", "stage", "issue_id",
            "commit", "branch", "status", "started_at", "completed_at", "duration_ms", "exit_code", "stdout", "stderr",
            "command", "by", "message");
    private static final Set<String> KNOWN = Set.copyOf(FIELDS);

    private GateRunFiles() {
    }

    /** A run id: a UUID in its 8-4-4-4-12 hex form. */
    public static boolean isRunId(String id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash != (c == '-') || !dash && Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code relative} (to the store directory) is {@code gate-runs/<run id>/result.json}. */
    static boolean isRecordPath(String relative) {
        String prefix = DIR + "/";
        String suffix = "/" + RESULT;
        return relative.startsWith(prefix) && relative.endsWith(suffix)
                && isRunId(relative.substring(prefix.length(), relative.length() - suffix.length()));
    }

    /**
     * Before a commit renames a record into place: creates {@code gate-runs/} and the run's directory where
     * absent. Anything but a real directory there (a link planted to lead the rename out of the store) refuses
     * with CORRUPT_DATA naming it. Other targets are left alone.
     */
    static void prepareDirectory(StorePaths paths, Path target) throws IOException {
        Path runDir = target.getParent();
        if (!runDir.getParent().equals(paths.gateRunsDir())) {
            return;
        }
        if (ensureDirectory(paths, paths.gateRunsDir())) {
            AtomicFiles.syncDirectory(paths.dataDir());
        }
        if (ensureDirectory(paths, runDir)) {
            AtomicFiles.syncDirectory(paths.gateRunsDir());
        }
    }

    private static boolean ensureDirectory(StorePaths paths, Path dir) throws IOException {
        AtomicFiles.Kind kind = AtomicFiles.kind(dir);
        if (kind == AtomicFiles.Kind.ABSENT) {
            Files.createDirectory(dir);
            return true;
        }
        if (kind != AtomicFiles.Kind.DIRECTORY) {
            StoreLayout.require(paths, new StoreLayout.Entry(paths.dataDir().relativize(dir).toString(), true, true,
                    false));
        }
        return false;
    }

    static byte[] render(GateRun run) {
        return Json.pretty(toJson(run)).getBytes(StandardCharsets.UTF_8);
    }

    /** The record's JSON: the reference's 17 fields in its order, then fields of a newer writer. */
    public static ObjectNode toJson(GateRun run) {
        ObjectNode n = Json.object();
        n.put("schema_version", run.schemaVersion());
        n.put("run_id", run.runId());
        n.put("gate_key", run.gateKey());
        n.put("stage", run.stage());
        n.put("issue_id", run.issueId());
        n.put("commit", run.commit());
        n.put("branch", run.branch());
        n.put("status", run.status());
        n.put("started_at", run.startedAt());
        n.put("completed_at", run.completedAt());
        n.put("duration_ms", run.durationMs());
        if (run.exitCode() == null) {
            n.putNull("exit_code");
        } else {
            n.put("exit_code", run.exitCode().intValue());
        }
        n.put("stdout", run.stdout());
        n.put("stderr", run.stderr());
        n.put("command", run.command());
        n.put("by", run.by());
        n.put("message", run.message());
        run.extra().forEach(n::set);
        return n;
    }

    /** The record in {@code json}, or null (with {@code problem} told why) when it is not one. */
    static GateRun parse(JsonNode json, Consumer<String> problem) {
        if (!json.isObject()) {
            problem.accept("it is not a JSON object");
            return null;
        }
        for (String field : List.of("run_id", "gate_key", "issue_id", "status")) {
            if (!json.path(field).isTextual()) {
                problem.accept("its \"" + field + "\" is missing or not a string");
                return null;
            }
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        json.fields().forEachRemaining(e -> {
            if (!KNOWN.contains(e.getKey())) {
                extra.put(e.getKey(), e.getValue());
            }
        });
        JsonNode exit = json.get("exit_code");
        return new GateRun(json.path("schema_version").asInt(1), json.get("run_id").textValue(),
                json.get("gate_key").textValue(), text(json, "stage"), json.get("issue_id").textValue(),
                text(json, "commit"), text(json, "branch"), json.get("status").textValue(), text(json, "started_at"),
                text(json, "completed_at"), json.path("duration_ms").asLong(0),
                exit != null && exit.canConvertToInt() ? Integer.valueOf(exit.intValue()) : null,
                textOrEmpty(json, "stdout"), textOrEmpty(json, "stderr"), textOrEmpty(json, "command"),
                text(json, "by"), text(json, "message"), extra);
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    private static String textOrEmpty(JsonNode json, String field) {
        String v = text(json, field);
        return v == null ? "" : v;
    }

    /** Every readable record of the store, in no particular order; what cannot be read is reported and skipped. */
    public static List<GateRun> readAll(StorePaths paths, Consumer<StoreLayout.Damage> damage) {
        List<GateRun> out = new ArrayList<>();
        Path dir = paths.gateRunsDir();
        AtomicFiles.Kind kind;
        try {
            kind = AtomicFiles.kind(dir);
        } catch (IOException e) {
            damage.accept(new StoreLayout.Damage("unreadable_file", DIR + "/", DIR + "/ cannot be read: "
                    + e.getMessage(), false));
            return out;
        }
        if (kind != AtomicFiles.Kind.DIRECTORY) {
            StoreLayout.Damage d = StoreLayout.check(paths, StoreLayout.GATE_RUNS);
            if (d != null) {
                damage.accept(d);
            }
            return out;
        }
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(dir)) {
            for (Path runDir : runs) {
                GateRun run = readOne(paths, runDir, damage);
                if (run != null) {
                    out.add(run);
                }
            }
        } catch (IOException e) {
            damage.accept(new StoreLayout.Damage("unreadable_file", DIR + "/", DIR + "/ cannot be listed: "
                    + e.getMessage(), false));
        }
        return out;
    }

    private static GateRun readOne(StorePaths paths, Path runDir, Consumer<StoreLayout.Damage> damage) {
        String name = runDir.getFileName().toString();
        String relative = DIR + "/" + name;
        if (!isRunId(name)) {
            damage.accept(new StoreLayout.Damage("unexpected_file", relative, relative
                    + " is not named by a run id (gate-runs/ holds <run id>/result.json)", false));
            return null;
        }
        StoreLayout.Damage kind = StoreLayout.check(paths.dataDir(), relative, true, false, false);
        if (kind != null) {
            damage.accept(kind);
            return null;
        }
        String record = relative + "/" + RESULT;
        byte[] bytes;
        try {
            bytes = AtomicFiles.readRegular(runDir.resolve(RESULT));
        } catch (NoSuchFileException e) {
            return null; // a run directory whose record a crash did not rename in yet, or a foreign writer's
        } catch (AtomicFiles.NotARegularFileException e) {
            damage.accept(new StoreLayout.Damage(e.kind() == AtomicFiles.Kind.LINK ? "symlink" : "not_a_regular_file",
                    record, record + " " + e.kind().description() + ", not a regular file"
                    + (e.kind() == AtomicFiles.Kind.LINK ? " (jit never follows links inside a store)" : ""),
                    e.kind() != AtomicFiles.Kind.DIRECTORY));
            return null;
        } catch (IOException e) {
            damage.accept(new StoreLayout.Damage("unreadable_file", record, record + " cannot be read: "
                    + e.getMessage(), false));
            return null;
        }
        JsonNode json;
        try {
            json = Json.parse(bytes);
        } catch (IOException e) {
            damage.accept(new StoreLayout.Damage("unreadable_file", record, record + " is not JSON: "
                    + e.getMessage().lines().findFirst().orElse(""), false));
            return null;
        }
        String[] why = new String[1];
        GateRun run = parse(json, reason -> why[0] = reason);
        if (run == null) {
            damage.accept(new StoreLayout.Damage("unreadable_file", record, record + " is not a gate run record: "
                    + why[0], false));
            return null;
        }
        if (!run.runId().equals(name)) {
            damage.accept(new StoreLayout.Damage("unreadable_file", record, record + " names run " + run.runId()
                    + ", not " + name, false));
            return null;
        }
        return run;
    }
}
