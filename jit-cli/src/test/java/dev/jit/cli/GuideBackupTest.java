package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment guide's backup, {@code tar -czf backup.tar.gz -C STORE .}, taken without any lock while real
 * writer processes create, update and claim issues, restores after {@code jit validate --fix} to a valid store
 * that holds every issue whose create had finished before the backup began. tar then captures whatever
 * instant of each file it reads: a journal without its temp files, tmp/ debris, ids in the index whose files it
 * read before they were renamed into place, files the captured index does not list yet.
 */
class GuideBackupTest {
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final String CLASSPATH = System.getProperty("java.class.path");

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    /** A real {@code jit} process (the CLI's Main on the test class path) against {@code store}. */
    static Run jit(Path store, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                CLASSPATH, Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(store.getParent().toFile());
        pb.environment().put("JIT_DATA_DIR", store.toString());
        pb.environment().put("JIT_LOCK_TIMEOUT", "60");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out), new String(err));
    }


    private static Set<String> ids(Path store) throws Exception {
        Run list = jit(store, "issue", "list", "--json");
        assertThat(list.exit()).as(list.err() + list.out()).isZero();
        Set<String> ids = new HashSet<>();
        for (JsonNode issue : Json.parse(list.out()).at("/data/issues")) {
            ids.add(issue.get("id").asText());
        }
        return ids;
    }

    @Test
    void aTarOfALiveStoreRestoresToAValidStoreWithEveryIssueCreatedBeforeIt() throws Exception {
        Path store = tmp.resolve("live/.jit");
        Files.createDirectories(store.getParent());
        assertThat(jit(store, "init").exit()).isZero();
        for (int round = 0; round < 5; round++) {
            List<Process> writers = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                writers.add(new ProcessBuilder(JAVA, "-XX:TieredStopAtLevel=1", "-cp", CLASSPATH,
                        ProcessWorker.class.getName(), store.toString(), "r" + round + "w" + k, "0")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            Set<String> finished;
            Path archive = tmp.resolve("backup-" + round + ".tar.gz");
            try {
                Thread.sleep(1500); // let the writers get going: the backup must overlap their commits
                finished = ids(store); // every create that finished before the backup began
                // The guide's command, paced (a pause every 10 KiB of archive) so that the capture spans many
                // commits: on a fast disk the whole tar is over in a few milliseconds.
                Process tar = new ProcessBuilder("tar", "--checkpoint=1", "--checkpoint-action=exec=sleep 0.02",
                        "-czf", archive.toString(), "-C", store.toString(), ".").redirectErrorStream(true).start();
                String tarOut = new String(tar.getInputStream().readAllBytes());
                assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
                // GNU tar exits 1 when a file changed while it was read (it still archives it), 2 on fatal errors.
                assertThat(tar.exitValue()).as(tarOut).isIn(0, 1);
            } finally {
                for (Process w : writers) {
                    w.destroyForcibly();
                    w.waitFor();
                }
            }

            Path restored = tmp.resolve("restored-" + round + "/.jit");
            Files.createDirectories(restored);
            Process untar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", restored.toString())
                    .redirectErrorStream(true).start();
            String untarOut = new String(untar.getInputStream().readAllBytes());
            assertThat(untar.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(untar.exitValue()).as(untarOut).isZero();

            Run fix = jit(restored, "validate", "--fix");
            assertThat(fix.exit()).as("round " + round + ": " + fix.out() + fix.err()).isZero();
            Run check = jit(restored, "validate");
            assertThat(check.exit()).as("round " + round + ": " + check.out() + check.err()).isZero();
            assertThat(check.err()).as("round " + round).doesNotContain("warning");
            assertThat(ids(restored)).as("round " + round).containsAll(finished);
            assertThat(finished).as("the writers had created issues before round " + round).isNotEmpty();
        }
    }
}
