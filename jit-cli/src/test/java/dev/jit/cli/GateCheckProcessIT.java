package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code jit} processes: while one runs a checker that waits, others that will not wait for the store lock
 * at all ({@code JIT_LOCK_TIMEOUT=0}) create, list and update issues; the check then commits its result.
 */
class GateCheckProcessIT {
    @TempDir
    Path dir;

    private ProcessBuilder jit(String... args) {
        List<String> cmd = new ArrayList<>(List.of(JitProcessIT.JAVA, "-cp", JitProcessIT.JAR.toString(),
                "dev.jit.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("JIT_LOCK_TIMEOUT", "0");
        pb.environment().put("JIT_ACTOR", "agent:checker");
        return pb;
    }

    private JitProcessIT.Run run(String... args) throws Exception {
        return JitProcessIT.finish(jit(args).start());
    }

    @Test
    void otherCommandsRunWhileACheckerRunsAndTheCheckThenCommits() throws Exception {
        assertThat(run("init").exit()).isZero();
        assertThat(run("registry", "add", "slow", "-t", "Slow", "--timeout", "120", "--checker-command",
                "touch started; while [ ! -f release ]; do sleep 0.05; done; echo done waiting").exit()).isZero();
        String id = run("issue", "create", "-t", "A", "-g", "slow").out().strip();
        Process check = jit("gate", "check", id, "--json").start();

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(dir.resolve("started"))) {
            assertThat(check.isAlive()).as("gate check ended before its checker started").isTrue();
            assertThat(System.nanoTime()).as("checker did not start").isLessThan(deadline);
            Thread.sleep(20);
        }
        JitProcessIT.Run created = run("issue", "create", "-t", "B");
        assertThat(created.exit()).as(created.err()).isZero();
        JitProcessIT.Run listed = run("issue", "list", "--json");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(Json.parse(listed.out()).at("/data/issues").size()).isEqualTo(2);
        assertThat(run("issue", "update", created.out().strip(), "--state", "in_progress").exit()).isZero();
        assertThat(check.isAlive()).isTrue();

        Files.writeString(dir.resolve("release"), "");
        JitProcessIT.Run finished = JitProcessIT.finish(check);
        assertThat(finished.exit()).as(finished.err()).isZero();
        assertThat(finished.err()).startsWith("checking slow (1/1)… passed in ");
        JsonNode data = Json.parse(finished.out()).get("data");
        assertThat(data.at("/runs/0/stdout").asText()).isEqualTo("done waiting\n");
        assertThat(data.at("/runs/0/by").asText()).isEqualTo("agent:checker");
        assertThat(Json.parse(run("issue", "show", id, "--json").out()).at("/data/gates_status/slow/status").asText())
                .isEqualTo("passed");
        assertThat(run("validate").exit()).isZero();
    }
}
