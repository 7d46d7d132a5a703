package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.TestStores;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk as a hostile input, with the real {@code jit.jar} in real processes: a full 1 MiB tmpfs, a
 * read-only mount, a user who may only read the store, a write cut off after its commit point, and lock
 * files deleted or replaced under a holder.
 * The tmpfs runs in a user and mount namespace ({@code unshare --user --map-root-user --mount}), which
 * works as root (CI) and as a normal user; without {@code unshare} these tests fail, they never skip.
 */
class FailingDiskIT {
    @TempDir
    Path dir;

    private Path seed;
    private String a;
    private String b;

    @BeforeEach
    void seedStore() throws Exception {
        assertThat(JitProcessIT.JAR).exists();
        seed = Files.createDirectories(dir.resolve("seed"));
        assertThat(jit(seed, "init").exit()).isZero();
        a = jit(seed, "issue", "create", "-t", "Alpha").out().trim();
        b = jit(seed, "issue", "create", "-t", "Beta").out().trim();
        assertThat(jit(seed, "registry", "add", "tests", "--title", "Tests pass").exit()).isZero();
        assertThat(jit(seed, "gate", "add", a, "tests").exit()).isZero();
    }

    private JitProcessIT.Run jit(Path cwd, String... args) throws IOException, InterruptedException {
        return JitProcessIT.finish(new ProcessBuilder(command(args)).directory(cwd.toFile()).start());
    }

    private static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(JitProcessIT.JAVA, "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", JitProcessIT.JAR.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Runs {@code body} in a fresh user and mount namespace with a 1 MiB tmpfs at {@code $MNT} holding a copy
     * of the seed store. {@code run NAME ARGS…} runs jit in {@code $MNT} and keeps its output and exit code
     * under {@code $OUT/NAME.*}; {@code snap NAME} copies the store to {@code $OUT/NAME}.
     */
    private Path inNamespace(String body) throws Exception {
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        Path out = Files.createDirectories(dir.resolve("out"));
        StringBuilder jitCommand = new StringBuilder();
        for (String part : command()) {
            jitCommand.append('\'').append(part).append("' ");
        }
        String script = "set -u\n"
                + "MNT='" + mnt + "'; OUT='" + out + "'\n"
                + "mount -t tmpfs -o size=1m tmpfs \"$MNT\" || { echo 'cannot mount a tmpfs' >&2; exit 90; }\n"
                + "cp -a '" + seed + "/.jit' \"$MNT/\" || exit 91\n"
                + "run() { name=$1; shift; (cd \"$MNT\" && JIT_LOCK_TIMEOUT=2 " + jitCommand + "\"$@\")"
                + " >\"$OUT/$name.out\" 2>\"$OUT/$name.err\"; echo $? >\"$OUT/$name.rc\"; }\n"
                + "snap() { cp -a \"$MNT/.jit\" \"$OUT/$1\"; }\n"
                + body;
        Process p = new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script)
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("namespace script failed (unshare and tmpfs are required): " + log).isZero();
        return out;
    }

    private static JitProcessIT.Run result(Path out, String name) throws IOException {
        return new JitProcessIT.Run(Integer.parseInt(Files.readString(out.resolve(name + ".rc")).trim()),
                Files.readString(out.resolve(name + ".out")), Files.readString(out.resolve(name + ".err")));
    }

    /** Every regular file under {@code root} with its content. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(root.relativize(p).toString(), Files.readString(p, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return files;
    }

    @Test
    void aFullDiskFailsWritesCleanlyAppliesNothingLaterAndStillServesReads() throws Exception {
        Path out = inNamespace("run warm status\n"
                + "snap before\n"
                + "dd if=/dev/zero of=\"$MNT/filler\" bs=64k 2>/dev/null\n"
                + "run create issue create -t FullDiskIssue\n"
                + "run update issue update " + a + " --title Renamed\n"
                + "run dep dep add " + b + " " + a + "\n"
                + "run gate gate pass " + a + " tests\n"
                + "snap after\n"
                + "run list issue list --json\n"
                + "run show issue show " + a + "\n"
                + "run ready query ready\n"
                + "run status status\n"
                + "rm \"$MNT/filler\"\n"
                + "run next issue create -t AfterSpaceCameBack\n"
                + "run listAfter issue list --json\n"
                + "run showA issue show " + a + " --json\n"
                + "run showB issue show " + b + " --json\n"
                + "snap final\n");
        for (String write : List.of("create", "update", "dep", "gate")) {
            JitProcessIT.Run r = result(out, write);
            assertThat(r.exit()).as(write + ": " + r.err()).isEqualTo(10);
            assertThat(r.err()).as(write).contains("Nothing changed: no space left on the disk of")
                    .contains("Free disk space").doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(tree(out.resolve("after"))).isEqualTo(tree(out.resolve("before")));
        assertThat(out.resolve("after/tmp")).isEmptyDirectory();
        for (String read : List.of("list", "show", "ready", "status")) {
            JitProcessIT.Run r = result(out, read);
            assertThat(r.exit()).as(read + ": " + r.err()).isZero();
            assertThat(r.err()).as(read).isEmpty();
        }
        assertThat(result(out, "list").out()).contains("Alpha").contains("Beta");

        assertThat(result(out, "next").exit()).isZero();
        assertThat(result(out, "listAfter").out()).contains("AfterSpaceCameBack").doesNotContain("FullDiskIssue");
        assertThat(result(out, "showA").out()).contains("\"Alpha\"").doesNotContain("Renamed")
                .doesNotContain("\"passed\"");
        assertThat(result(out, "showB").out()).contains("\"Beta\"").doesNotContain(a);
        Map<String, String> before = tree(out.resolve("before"));
        Map<String, String> after = tree(out.resolve("final"));
        assertThat(after.get("issues/" + a + ".json")).isEqualTo(before.get("issues/" + a + ".json"));
        assertThat(after.get("issues/" + b + ".json")).isEqualTo(before.get("issues/" + b + ".json"));
        String newEvents = after.get("events.jsonl").substring(before.get("events.jsonl").length());
        assertThat(after.get("events.jsonl")).startsWith(before.get("events.jsonl"));
        String created = result(out, "next").out().trim();
        assertThat(newEvents.split("\n")).allSatisfy(line -> assertThat(line).contains(created));
        assertThat(out.resolve("final/tmp")).isEmptyDirectory();
    }

    /**
     * After the commit point a command is done. The event log is the last thing a write touches, and here the
     * append stops part-way through its line: the process runs under {@code ulimit -f} just above the log's
     * size (the JVM ignores SIGXFSZ, so the write returns EFBIG as a full disk returns ENOSPC). The command
     * reports success with a warning, a reader that cannot complete it still reads, and the next command that
     * can write completes it: the torn tail is cut off and the event lands exactly once.
     */
    @Test
    void aFailureAfterTheCommitPointIsReportedAsDoneAndCompletedByTheNextCommand() throws Exception {
        Path log = seed.resolve(".jit/events.jsonl");
        // The create's event line is over 200 bytes: leave it fewer than that before the next 1 KiB block.
        int round = 0;
        while (1024 - Files.size(log) % 1024 > 150) {
            assertThat(jit(seed, "issue", "update", a, "--label", "round:" + round++).exit()).isZero();
        }
        byte[] logBefore = Files.readAllBytes(log);
        long blocks = logBefore.length / 1024 + 1;

        JitProcessIT.Run create = limited(blocks, "issue", "create", "-t", "Gamma");
        assertThat(create.exit()).as(create.err()).isZero();
        String gamma = create.out().trim();
        assertThat(create.err()).contains("warning: the change is saved, but applying it stopped (File too large)")
                .contains("the next jit command completes it").doesNotContain("\tat ");
        assertThat(seed.resolve(".jit/.journal.json")).exists();
        assertThat(Files.size(log)).isEqualTo(logBefore.length); // the torn line was cut off again

        JitProcessIT.Run stuckReader = limited(blocks, "issue", "list", "--json");
        assertThat(stuckReader.exit()).as(stuckReader.err()).isZero();
        assertThat(stuckReader.out()).contains("Alpha").contains("Beta").contains("Gamma");
        assertThat(stuckReader.err()).contains("is not fully applied yet").contains("the next write completes it");

        JitProcessIT.Run reader = jit(seed, "issue", "list", "--json");
        assertThat(reader.exit()).as(reader.err()).isZero();
        assertThat(reader.err()).contains("completed an interrupted write");
        assertThat(seed.resolve(".jit/.journal.json")).doesNotExist();
        assertThat(seed.resolve(".jit/tmp")).isEmptyDirectory();
        String events = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(events).startsWith(new String(logBefore, StandardCharsets.UTF_8));
        assertThat(events.substring(logBefore.length).split("\n")).singleElement()
                .satisfies(line -> assertThat(line).contains("\"issue_created\"").contains(gamma));
        assertThat(jit(seed, "validate").exit()).isZero();
    }

    /** Runs jit with its file size limit set to {@code blocks} KiB. */
    private JitProcessIT.Run limited(long blocks, String... args) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("ulimit -f " + blocks + " && exec");
        for (String part : command(args)) {
            script.append(" '").append(part).append('\'');
        }
        return JitProcessIT.finish(new ProcessBuilder("sh", "-c", script.toString()).directory(seed.toFile()).start());
    }

    @Test
    void aReadOnlyMountCanBeReadAndWritesSayWhichPathIsNotWritable() throws Exception {
        Path out = inNamespace("mount -o remount,ro \"$MNT\" || exit 92\n"
                + "run list issue list --json\n"
                + "run show issue show " + a + "\n"
                + "run ready query ready\n"
                + "run status status\n"
                + "run create issue create -t Nope\n"
                + "run update issue update " + a + " --title Nope\n");
        for (String read : List.of("list", "show", "ready", "status")) {
            JitProcessIT.Run r = result(out, read);
            assertThat(r.exit()).as(read + ": " + r.err()).isZero();
        }
        assertThat(result(out, "list").out()).contains("Alpha").contains("Beta");
        for (String write : List.of("create", "update")) {
            JitProcessIT.Run r = result(out, write);
            assertThat(r.exit()).as(write + ": " + r.err()).isEqualTo(5);
            assertThat(r.err()).contains("Nothing changed: cannot write " + dir.resolve("mnt/.jit"))
                    .contains("Read-only file system").doesNotContain("\tat ");
        }
    }

    @Test
    void aUserWhoMayOnlyReadCanReadEvenWithoutALockFile() throws Exception {
        // A store of another user: files readable, directories not writable, and no lock file yet.
        Path shared = Files.createTempDirectory("jit-readonly-user");
        try {
            TestStores.copyTree(seed.resolve(".jit"), shared.resolve(".jit"));
            Files.deleteIfExists(shared.resolve(".jit/.store.lock"));
            Files.deleteIfExists(shared.resolve(".jit/store.lock"));
            Path jar = shared.resolve("jit.jar");
            Files.copy(JitProcessIT.JAR, jar);
            TestTrees.makeReadOnlyForOthers(shared);
            List<String> prefix = isRoot() ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")
                    : List.of(); // a normal user: the directories are not writable for their owner either
            JitProcessIT.Run list = asReader(prefix, jar, shared, "issue", "list", "--json");
            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(list.out()).contains("Alpha");
            assertThat(asReader(prefix, jar, shared, "query", "ready").exit()).isZero();
            JitProcessIT.Run write = asReader(prefix, jar, shared, "issue", "create", "-t", "Nope");
            assertThat(write.exit()).as(write.err()).isEqualTo(5);
            assertThat(write.err()).contains("Nothing changed: cannot write " + shared.resolve(".jit"));
            assertThat(shared.resolve(".jit/.store.lock")).doesNotExist();
        } finally {
            TestTrees.makeWritable(shared);
            TestTrees.delete(shared);
        }
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        id.waitFor();
        return uid.equals("0");
    }

    private JitProcessIT.Run asReader(List<String> prefix, Path jar, Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(JitProcessIT.JAVA, "-XX:-UsePerfData", "-XX:+UseSerialGC", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return JitProcessIT.finish(new ProcessBuilder(cmd).directory(cwd.toFile()).start());
    }

    @Test
    void deletingOrReplacingTheLockFileNeverLetsASecondWriterIn() throws Exception {
        Path store = seed.resolve(".jit");
        // After a write both names exist and are one inode; the guide's `ls …/*.lock` finds store.lock.
        assertThat(fileKey(store.resolve("store.lock"))).isEqualTo(fileKey(store.resolve(".store.lock")));
        String[] attacks = {"rm .store.lock", "rm store.lock", "rm store.lock && echo x > store.lock",
            "rm .store.lock && echo x > .store.lock"};
        for (String attack : attacks) {
            Process holder = new ProcessBuilder(command("lock", "--", "sh", "-c", "echo LOCKED; read line"))
                    .directory(seed.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                byte[] first = holder.getInputStream().readNBytes(7);
                assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("LOCKED\n");
                Process sh = new ProcessBuilder("sh", "-c", attack).directory(store.toFile()).start();
                assertThat(sh.waitFor()).isZero();
                ProcessBuilder second = new ProcessBuilder(command("issue", "create", "-t", "Intruder"))
                        .directory(seed.toFile());
                second.environment().put("JIT_LOCK_TIMEOUT", "1");
                JitProcessIT.Run blocked = JitProcessIT.finish(second.start());
                assertThat(blocked.exit()).as(attack + ": " + blocked.err()).isEqualTo(1);
                assertThat(blocked.err()).as(attack).contains("Lock timeout");
            } finally {
                try (OutputStream in = holder.getOutputStream()) {
                    in.write('\n');
                }
                assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(holder.exitValue()).isZero();
            JitProcessIT.Run after = jit(seed, "issue", "create", "-t", "After");
            assertThat(after.exit()).as(attack + ": " + after.err()).isZero();
            // The writer repaired the names: one inode again.
            assertThat(fileKey(store.resolve("store.lock"))).as(attack)
                    .isEqualTo(fileKey(store.resolve(".store.lock")));
        }
        assertThat(jit(seed, "issue", "list").out()).doesNotContain("Intruder");
    }

    private static Object fileKey(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** Permissions and clean-up of the read-only-user test's tree. */
    private static final class TestTrees {
        static void makeReadOnlyForOthers(Path root) throws IOException {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.toList()) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                            Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--"));
                }
            }
        }

        static void makeWritable(Path root) throws IOException {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.toList()) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
                }
            }
        }

        static void delete(Path root) throws IOException {
            try (Stream<Path> walk = Files.walk(root)) {
                List<Path> all = new ArrayList<>(walk.toList());
                for (int i = all.size() - 1; i >= 0; i--) {
                    Files.delete(all.get(i));
                }
            }
        }
    }
}
