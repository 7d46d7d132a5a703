package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jit backup} as a process, with real writer processes, real GNU tar, real links and a real full tmpfs. */
class BackupIT {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    Run jit(Path cwd, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(JitProcessIT.JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", JitProcessIT.JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().remove("JIT_DATA_DIR");
        pb.environment().putAll(env);
        JitProcessIT.Run r = JitProcessIT.finish(pb.start());
        return new Run(r.exit(), r.out(), r.err());
    }

    Run jit(String... args) throws IOException, InterruptedException {
        return jit(dir, Map.of(), args);
    }

    static Run sh(Path cwd, String... cmd) throws IOException, InterruptedException {
        JitProcessIT.Run r = JitProcessIT.finish(new ProcessBuilder(cmd).directory(cwd.toFile()).start());
        return new Run(r.exit(), r.out(), r.err());
    }

    @Test
    void backupsTakenWhileWritersRunRestoreToValidStoresWithEveryFinishedCreate() throws Exception {
        assertThat(jit("init").exit()).isZero();
        Path store = dir.resolve(".jit");
        String cp = JitProcessIT.JAR + java.io.File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath();
        List<Process> writers = new ArrayList<>();
        List<Path> doneFiles = new ArrayList<>();
        try {
            for (int k = 0; k < 3; k++) {
                Path done = dir.resolve("done-" + k + ".txt");
                doneFiles.add(done);
                writers.add(new ProcessBuilder(JitProcessIT.JAVA, "-XX:TieredStopAtLevel=1", "-cp", cp,
                        ProcessWorker.class.getName(), store.toString(), "w" + k, "0", done.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            while (finishedCreates(doneFiles).size() < 3) {
                Thread.sleep(100); // the writers' JVMs start
            }
            for (int round = 0; round < 4; round++) {
                Thread.sleep(500);
                Set<String> finished = finishedCreates(doneFiles); // read before the backup starts
                Path archive = dir.resolve("backup-" + round + ".tar.gz");
                Run backup = jit(dir, Map.of("JIT_LOCK_TIMEOUT", "60"), "backup", archive.toString(), "--json");
                assertThat(backup.exit()).as(backup.err() + backup.out()).isZero();
                JsonNode data = Json.parse(backup.out()).get("data");
                assertThat(data.get("file").asText()).isEqualTo(archive.toString());
                assertThat(data.get("bytes").asLong()).isEqualTo(Files.size(archive));

                Path restored = Files.createDirectories(dir.resolve("restored-" + round));
                Run untar = sh(restored, "tar", "-xzf", archive.toString());
                assertThat(untar.exit()).as(untar.err()).isZero();
                Run validate = jit(restored, Map.of("JIT_DATA_DIR", restored.toString()), "validate");
                assertThat(validate.exit()).as("round " + round + ": " + validate.out() + validate.err()).isZero();
                Set<String> ids = new HashSet<>();
                Run list = jit(restored, Map.of("JIT_DATA_DIR", restored.toString()), "issue", "list", "--json");
                for (JsonNode issue : Json.parse(list.out()).at("/data/issues")) {
                    ids.add(issue.get("id").asText());
                }
                assertThat(finished).as("round " + round).isNotEmpty();
                assertThat(ids).as("round " + round).containsAll(finished);
                assertThat(data.get("files").asInt()).isEqualTo(ids.size() + 4); // + index, gates, events, .gitignore
            }
        } finally {
            for (Process w : writers) {
                w.destroyForcibly();
                w.waitFor();
            }
        }
        for (Process w : writers) {
            assertThat(w.exitValue()).as("a writer failed while backups ran").isNotIn(1, 2, 3, 4, 5, 10);
        }
    }

    @Test
    void archivesRegularFilesOnlyNeverFollowsLinksAndLeavesOutRuntimeData() throws Exception {
        assertThat(jit("init").exit()).isZero();
        Path store = dir.resolve(".jit");
        String id = jit("issue", "create", "--title", "kept").out().strip();
        Files.createDirectories(store.resolve("dispatch/running"));
        Files.writeString(store.resolve("dispatch/running/" + id + ".json"), "{}\n");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "OUTSIDE-SECRET\n");
        Files.createSymbolicLink(store.resolve("link-to-file"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(store.resolve("issues/link-dir"), outside);
        Files.createDirectories(store.resolve("cache"));
        Files.writeString(store.resolve("cache/junk.bin"), "derived");
        Files.createDirectories(store.resolve("tmp"));
        Files.writeString(store.resolve("tmp/x.tmp"), "in flight");
        assertThat(sh(dir, "mkfifo", store.resolve("a-fifo").toString()).exit()).isZero();

        Path backups = Files.createDirectories(dir.resolve("backups"));
        Run backup = jit("backup", "backups/b.tar.gz");
        assertThat(backup.exit()).as(backup.err()).isZero();
        assertThat(backup.out()).startsWith("Backed up 6 files (").contains(backups.resolve("b.tar.gz") + " (")
                .contains("verified");
        assertThat(backup.err().lines()).containsExactlyInAnyOrder(
                "warning: skipped a-fifo: not a regular file or directory",
                "warning: skipped issues/link-dir: symbolic link (not followed)",
                "warning: skipped link-to-file: symbolic link (not followed)");
        Run listing = sh(dir, "tar", "-tzf", backups.resolve("b.tar.gz").toString());
        assertThat(listing.out().lines()).containsExactly(".gitignore", "dispatch/", "dispatch/running/",
                "dispatch/running/" + id + ".json", "events.jsonl", "gates.json", "index.json", "issues/",
                "issues/" + id + ".json");
        try (var files = Files.list(backups)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("b.tar.gz");
        }

        // To stdout: the archive and nothing else on stdout.
        Run piped = sh(dir, "sh", "-c", "'" + JitProcessIT.JAVA + "' -jar '" + JitProcessIT.JAR
                + "' backup - 2>/dev/null | tar -tzf -");
        assertThat(piped.exit()).as(piped.err()).isZero();
        assertThat(piped.out().lines()).contains("index.json", "issues/" + id + ".json").doesNotContain("link-to-file");

        // An archive inside the store would archive itself: refused.
        Run inside = jit("backup", ".jit/issues/b.tar.gz");
        assertThat(inside.exit()).isEqualTo(2);
        assertThat(inside.err()).startsWith("Error: Backup failed, no archive written: the archive would be inside");
        assertThat(store.resolve("issues/b.tar.gz")).doesNotExist();
        Run noDir = jit("backup", "nowhere/b.tar.gz");
        assertThat(noDir.exit()).isEqualTo(3);
        assertThat(noDir.err().lines().findFirst().orElseThrow()).startsWith("Error: Backup failed, no archive written");
    }

    @Test
    void aFullDiskFailsTheBackupWithOneLineAndLeavesNoPartialArchive() throws Exception {
        assertThat(jit("init").exit()).isZero();
        Path store = dir.resolve(".jit");
        byte[] noise = new byte[3 << 20]; // incompressible: the archive cannot fit the 1 MiB file system
        new Random(7).nextBytes(noise);
        Files.createDirectories(store.resolve("dispatch"));
        Files.write(store.resolve("dispatch/blob.bin"), noise);
        Path small = Files.createDirectories(dir.resolve("small"));
        Run mount = sh(dir, "mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString());
        assertThat(mount.exit()).as("this test needs root to mount a tmpfs: " + mount.err()).isZero();
        try {
            Files.writeString(small.resolve("b.tar.gz"), "the previous backup");
            Run backup = jit("backup", small.resolve("b.tar.gz").toString());
            assertThat(backup.exit()).as(backup.err()).isEqualTo(10);
            assertThat(backup.err().lines().toList()).hasSize(2); // the error and its hint
            assertThat(backup.err()).startsWith("Error: Backup failed, no archive written: ")
                    .doesNotContain("Exception");
            try (var files = Files.list(small)) {
                assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("b.tar.gz");
            }
            assertThat(Files.readString(small.resolve("b.tar.gz"), StandardCharsets.UTF_8)).isEqualTo("the previous backup");
        } finally {
            assertThat(sh(dir, "umount", small.toString()).exit()).isZero();
        }
    }

    /** Ids whose create command had returned: complete lines of the writers' done files. */
    private static Set<String> finishedCreates(List<Path> doneFiles) throws IOException {
        Set<String> ids = new HashSet<>();
        for (Path done : doneFiles) {
            if (!Files.exists(done)) {
                continue;
            }
            String text = Files.readString(done);
            int end = text.lastIndexOf('\n');
            for (String line : text.substring(0, end + 1).split("\n")) {
                if (!line.isBlank()) {
                    ids.add(line);
                }
            }
        }
        return ids;
    }
}
