package dev.jit.core.internal.store;

import java.nio.file.Path;

/** Where each file of a store lives. The layout matches the reference tool's {@code .jit/} directory. */
public record StorePaths(Path dataDir) {
    public StorePaths {
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** {@code config.toml}: the store's settings, shared with the reference tool (optional). */
    public Path config() {
        return dataDir.resolve("config.toml");
    }

    public Path index() {
        return dataDir.resolve("index.json");
    }

    public Path gates() {
        return dataDir.resolve("gates.json");
    }

    /** The dispatchers' per-issue state (attempts, next retry); jit-core writes it, jit-dispatch asks. */
    public Path dispatch() {
        return dataDir.resolve("dispatch.json");
    }

    public Path events() {
        return dataDir.resolve("events.jsonl");
    }

    public Path issuesDir() {
        return dataDir.resolve("issues");
    }

    /** The file of a valid id; any other string (read from a hostile file, say) never becomes a path. */
    public Path issue(String id) {
        if (!IssueIds.isValid(id)) {
            throw new IllegalArgumentException("not a valid issue id: " + id);
        }
        return issuesDir().resolve(id + ".json");
    }

    /** Checker runs, one directory per run: {@code gate-runs/<run_id>/result.json} (the reference's layout). */
    public Path gateRunsDir() {
        return dataDir.resolve(GateRunFiles.DIR);
    }

    /** The record of a valid run id; any other string never becomes a path. */
    public Path gateRun(String runId) {
        if (!GateRunFiles.isRunId(runId)) {
            throw new IllegalArgumentException("not a valid gate run id: " + runId);
        }
        return gateRunsDir().resolve(runId).resolve(GateRunFiles.RESULT);
    }

    /** The store-wide readers-writer lock file. */
    public Path lock() {
        return dataDir.resolve(".store.lock");
    }

    /** Present only while a multi-file commit is being applied; a crash leaves it for recovery. */
    public Path journal() {
        return dataDir.resolve(".journal.json");
    }

    /** Temp files of commits in progress; anything here without a journal is debris of a crashed writer. */
    public Path tmpDir() {
        return dataDir.resolve("tmp");
    }

    /** Derived, rebuildable data (the issue summary cache); never needs to be committed to git. */
    public Path cacheDir() {
        return dataDir.resolve("cache");
    }
}
