package dev.jit.cli.commands;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.core.Backups;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit backup}. */
@Command(name = "backup", description = {"Write a consistent archive (tar.gz) of the store to FILE, under the store's "
        + "shared lock: writers wait while it is read, so no commit is half in it.",
        "Holds every regular file of the store (index, gates, events, issues, dispatch state, .gitignore); leaves "
                + "out cache/, tmp/, .journal.json and lock files. Symbolic links are reported and skipped, never "
                + "followed. FILE is written atomically and read back before it appears; '-' writes to stdout.",
        "Restore: stop the services, empty the store directory, tar -xzf FILE -C <store>, jit validate, start."},
        mixinStandardHelpOptions = true)
public final class BackupCommand extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The archive to write (e.g. jit-backup.tar.gz), or - "
            + "for stdout")
    String file;

    @Override
    protected boolean printsHumanText() {
        return !file.equals("-"); // stdout carries the archive itself
    }

    @Override
    protected void run() {
        Backups archive = jit().backups();
        Backups.Result r;
        if (file.equals("-")) {
            r = archive.writeTo(env().out());
            env().out().flush();
        } else {
            r = archive.writeFile(env().workingDir().resolve(Path.of(file)));
        }
        for (Backups.Skipped s : r.skipped()) {
            env().err().println("warning: skipped " + s.path() + ": " + s.reason());
        }
        if (file.equals("-")) {
            return; // nothing but the archive on stdout
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("file", r.file());
        data.put("entries", r.entries());
        data.put("files", r.files());
        data.put("directories", r.directories());
        data.put("store_bytes", r.storeBytes());
        data.put("bytes", r.archiveBytes());
        List<Map<String, String>> skipped = new ArrayList<>();
        for (Backups.Skipped s : r.skipped()) {
            skipped.add(Map.of("path", s.path(), "reason", s.reason()));
        }
        data.put("skipped", skipped);
        emit(data, () -> out().println("Backed up " + r.files() + " files (" + r.storeBytes() + " bytes) to "
                + r.file() + " (" + r.archiveBytes() + " bytes, verified)"));
    }
}
