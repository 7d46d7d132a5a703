package dev.jit.dispatch.process;

import dev.jit.core.json.Json;
import dev.jit.core.model.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The running records of every dispatcher on a store, one file per claimed issue. Callers change them
 * only while holding the store's write lock (inside a store transaction), so two dispatchers never take
 * the same slot or adopt the same orphan; the one exception, adding the pid after a start, touches only
 * the caller's own record.
 */
public final class RunningRecords {
    private final Path dir;
    private final Consumer<String> warnings;

    public RunningRecords(Path dispatchDir, Consumer<String> warnings) {
        this.dir = dispatchDir.resolve("running");
        this.warnings = warnings;
    }

    public List<RunningRecord> list() {
        List<RunningRecord> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                try {
                    RunningRecord r = RunningRecord.fromJson(Json.parse(Files.readAllBytes(f)));
                    if (Names.isName(r.issueId()) && (r.issueId() + ".json").equals(f.getFileName().toString())) {
                        out.add(r);
                    } else {
                        warnings.accept("ignoring running record " + f + ": it names issue \"" + r.issueId() + "\"");
                    }
                } catch (NoSuchFileException e) {
                    // removed while we listed: its run just ended
                } catch (IOException | RuntimeException e) {
                    warnings.accept("ignoring unreadable running record " + f + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public void write(RunningRecord r) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(r.issueId() + ".json.tmp");
            Files.write(tmp, Json.pretty(r.toJson()).getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(tmp, file(r.issueId()), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(r.issueId()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String issueId) {
        try {
            Files.deleteIfExists(file(issueId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String issueId) {
        return dir.resolve(issueId + ".json");
    }
}
