package dev.jit.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.model.Priority;
import dev.jit.dispatch.testkit.Harness;
import dev.jit.dispatch.testkit.Harness.Dispatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The jar's commands as a user runs them: bad configs, missing stores, validate-config, status. */
class CommandLineIT extends WithHarness {
    private static final Duration T = Duration.ofSeconds(30);

    @Test
    void aBadConfigExitsTwoWithFileLineAndKeyAndLeavesTheStoreAlone() {
        h.create(Priority.HIGH, "ready work");
        Path cfg = h.config("bad.toml", """
                poll_interval_secs = 5
                [[agents]]
                id = "a1"
                max_concurent = 2
                command = "run {issue_id}"
                """);
        List<String> before = snapshot(h.dataDir);
        for (String command : List.of("start", "once", "status", "validate-config")) {
            Dispatch d = h.run(command, cfg, T);
            assertThat(d.process.exitValue()).as(command).isEqualTo(2);
            assertThat(d.output().lines()).as(command).containsExactlyInAnyOrder(
                    "error: " + cfg + ":4: agents[0].max_concurent: unknown key (known: command, filter, id, "
                            + "keep_worktree, max_concurrent, max_runtime_minutes, type, workspace)",
                    "error: " + cfg + ":2: agents[0].max_concurrent: missing: required integer >= 1");
        }
        assertThat(snapshot(h.dataDir)).isEqualTo(before);
        assertThat(h.dataDir.resolve("dispatch")).doesNotExist();
    }

    @Test
    void anAgentProgramThatCannotRunIsRefusedBeforeAnythingIsClaimed() throws IOException {
        h.create(Priority.HIGH, "ready work");
        Path notExecutable = Files.writeString(h.repo.resolve("agent.sh"), "#!/bin/sh\nexit 0\n");
        Path cfg = h.config("typo.toml", """
                [[agents]]
                id = "a1"
                max_concurrent = 2
                command = "claude-agnet --issue {issue_id}"
                [[agents]]
                id = "a2"
                max_concurrent = 1
                command = "./agent.sh {issue_id}"
                [[agents]]
                id = "a3"
                max_concurrent = 1
                command = "sh -c 'echo {issue_id}'"
                """);
        List<String> before = snapshot(h.dataDir);
        for (String command : List.of("start", "once", "validate-config")) {
            Dispatch d = h.run(command, cfg, T);
            assertThat(d.process.exitValue()).as(command).isEqualTo(2);
            assertThat(d.output().lines()).as(command).hasSize(2).satisfiesExactly(
                    line -> assertThat(line).startsWith("error: " + cfg + ": agent \"a1\": program \"claude-agnet\" is "
                            + "not found on PATH (").endsWith("): install it, or fix the command (or give its full path)"),
                    line -> assertThat(line).isEqualTo("error: " + cfg + ": agent \"a2\": program \"./agent.sh\" is not "
                            + "executable (chmod +x " + notExecutable + ")"));
        }
        assertThat(snapshot(h.dataDir)).isEqualTo(before);
        assertThat(h.events("issue_claimed")).isEmpty();
        // status still reads a config whose programs are missing: it only shows the pool.
        assertThat(h.run("status", cfg, T).process.exitValue()).isZero();
    }

    @Test
    void versionIsThePomVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Harness.javaBin(), "-jar", Harness.JAR.toString(), "--version")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(output).isEqualTo("jit-dispatch " + System.getProperty("jit.pom.version") + "\n");
    }

    @Test
    void validateConfigNeedsNoStoreAndSummarisesTheConfig() {
        Path cfg = h.config("dispatch.toml", "stall_timeout_minutes = 1.5\n" + h.agent("a1", 2, "label:area:backend"));
        Dispatch d = h.run("validate-config", cfg, T);
        assertThat(d.process.exitValue()).isZero();
        assertThat(d.output()).contains(cfg + ": OK", "stall timeout = 90.0 s", "agent a1 (test): max_concurrent 2",
                "filter label:area:backend", "max_attempts = 3, retry backoff = 30.0 s doubling up to 1800.0 s");
        Dispatch defaults = h.run("validate-config", h.config("defaults.toml", h.agent("a1", 1, null)), T);
        assertThat(defaults.output()).as("stall detection is on by default").contains("stall timeout = 1800.0 s");
    }

    @Test
    void aMissingStoreExitsThreeWithAHint() throws IOException {
        Path cfg = h.config("dispatch.toml", h.agent("a1", 1, null));
        deleteTree(h.dataDir);
        Dispatch d = h.run("start", cfg, T);
        assertThat(d.process.exitValue()).isEqualTo(3);
        assertThat(d.output()).startsWith("error: JIT repository not found").contains("hint: ")
                .doesNotContain("Exception");
    }

    @Test
    void anAtFileArgumentIsAPathNotTheFilesContents() throws IOException {
        Path secret = Files.writeString(h.dir.resolve("secret.txt"), "TOP-SECRET-42\n");
        for (String command : List.of("status", "validate-config")) {
            Dispatch d = h.run(command, Path.of("@" + secret), T);
            assertThat(d.process.exitValue()).as(d.output()).isEqualTo(2);
            assertThat(d.output()).as(command).contains("@" + secret).doesNotContain("TOP-SECRET-42");
        }
    }

    @Test
    void statusShowsStoredControlCharactersInTitlesEscaped() throws IOException {
        String id = h.create(Priority.HIGH, "plain");
        Path file = h.dataDir.resolve("issues/" + id + ".json");
        Path planted = h.dir.resolve("planted.json"); // another tool rewrote the file
        Files.writeString(planted, Files.readString(file).replace("\"plain\"", "\"\\u001b]0;owned\\u0007\\u001b[2J\""));
        Files.move(planted, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Dispatch d = h.run("status", h.config("dispatch.toml", h.agent("a1", 1, null)), T);
        assertThat(d.process.exitValue()).as(d.output()).isZero();
        assertThat(d.output()).contains(id + " ").contains("\\x1b]0;owned\\x07\\x1b[2J").doesNotContain("\u001b")
                .doesNotContain("\u0007");
    }

    @Test
    void statusShowsThePoolAndTheQueueInDispatchOrder() {
        String low = h.create(Priority.LOW, "later");
        String crit = h.create(Priority.CRITICAL, "first");
        String be = h.create(Priority.NORMAL, "backend work", "area:backend");
        Path cfg = h.config("dispatch.toml", h.agent("be", 2, "label:area:backend") + h.agent("gen", 1,
                "priority:critical|high"));
        Dispatch d = h.run("status", cfg, T);
        assertThat(d.process.exitValue()).as(d.output()).isZero();
        String out = d.output();
        assertThat(out).contains("Ready queue (3):", "Running (0):");
        assertThat(out.indexOf(crit)).isLessThan(out.indexOf(be));
        assertThat(out.indexOf(be)).isLessThan(out.indexOf(low));
        assertThat(out.lines().filter(l -> l.contains(low))).singleElement().asString().contains("(no agent takes it)");
        assertThat(out.lines().filter(l -> l.contains(be))).singleElement().asString().contains(" be ");
    }

    @Test
    void logsShowsARunByAttemptAndOnlyTheNewestRunsAndRecentLogsAreKept() throws Exception {
        String id = h.create(Priority.HIGH, "fail task");
        Path logs = h.dataDir.resolve("dispatch/logs");
        String oldIssue = h.create(Priority.LOW, "done long ago");
        h.markDone(oldIssue);
        Path oldRun = Files.createDirectories(logs.resolve(oldIssue)).resolve("attempt-1.2020-01-01T00-00-00Z.log");
        Path oldLegacy = logs.resolve(oldIssue + ".log");
        Path recentLegacy = logs.resolve("0123abcd.log");
        for (Path p : List.of(oldRun, oldLegacy, recentLegacy)) {
            Files.writeString(p, "old output\n");
        }
        for (Path p : List.of(oldRun, oldLegacy)) {
            Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.from(
                    java.time.Instant.now().minus(Duration.ofDays(30))));
        }
        Path cfg = h.config("dispatch.toml", """
                max_attempts = 3
                retry_backoff_seconds = 0
                retry_backoff_max_seconds = 0
                log_keep_runs = 2
                log_keep_days = 14
                """ + h.agent("a1", 1, null));
        Dispatch d = h.launch("start", cfg, java.util.Map.of());
        d.awaitOutput("gave-up issue=" + id, T);
        d.term();
        assertThat(d.waitFor(T)).isZero();

        assertThat(oldRun).doesNotExist();
        assertThat(oldRun.getParent()).doesNotExist();
        assertThat(oldLegacy).doesNotExist();
        assertThat(recentLegacy).exists();
        List<Path> kept = h.runLogs(id);
        assertThat(kept).hasSize(2);
        assertThat(kept.get(0).getFileName().toString()).startsWith("attempt-2.");
        assertThat(kept.get(1).getFileName().toString()).startsWith("attempt-3.");

        Dispatch newest = h.run(List.of("logs", id.substring(0, 8), "-r", h.repo.toString()), T);
        assertThat(newest.process.exitValue()).as(newest.output()).isZero();
        assertThat(newest.output()).isEqualTo(Files.readString(kept.get(1)))
                .startsWith("==> jit-dispatch run of issue " + id + " by agent a1, attempt 3\n")
                .contains("agent a1 working on " + id + ": fail task (high)\n").endsWith(": exit code 3\n");
        Dispatch second = h.run(List.of("logs", id, "--attempt", "2", "-r", h.repo.toString()), T);
        assertThat(second.output()).isEqualTo(Files.readString(kept.get(0))).contains(", attempt 2\n");

        Dispatch pruned = h.run(List.of("logs", id, "--attempt", "1", "-r", h.repo.toString()), T);
        assertThat(pruned.process.exitValue()).isEqualTo(3);
        assertThat(pruned.output().lines().findFirst()).contains("error: No run log of issue " + id + " for attempt 1");
        for (List<String> bad : List.of(List.of("logs", "../../etc/passwd"), List.of("logs", id, "--attempt", "0"),
                List.of("logs", id, "--attempt", "x"))) {
            List<String> args = new java.util.ArrayList<>(bad);
            args.addAll(List.of("-r", h.repo.toString()));
            Dispatch refused = h.run(args, T);
            assertThat(refused.process.exitValue()).as(refused.output()).isEqualTo(2);
            assertThat(refused.output()).doesNotContain("Exception", "root:");
        }
        Dispatch unknown = h.run(List.of("logs", "feedbeef", "-r", h.repo.toString()), T);
        assertThat(unknown.process.exitValue()).isEqualTo(3);
    }

    @Test
    void logsFollowsARunningAgentUntilItsFooterWithControlCharactersEscaped() throws Exception {
        String id = h.create(Priority.HIGH, "slow task");
        Dispatch d = h.launch("start", h.config("dispatch.toml", h.agent("a1", 1, null)), java.util.Map.of());
        Harness.await(() -> !h.runLogs(id).isEmpty(), T, d::output);
        Path log = h.runLogs(id).get(0);
        Dispatch follow = h.launch(List.of("logs", id, "-f", "-r", h.repo.toString()), java.util.Map.of());
        // It prints what is there and keeps going while the run goes on.
        Harness.await(() -> follow.output().contains("tick ") && follow.process.isAlive()
                && !read(log).contains("==> ended"), T, follow::output);
        assertThat(follow.waitFor(T)).as(follow.output()).isZero();
        assertThat(h.issue(id).state()).isEqualTo(dev.jit.core.model.State.DONE);
        String out = follow.output();
        assertThat(out).contains("tick 1\n", "tick 10\n", "evil \\x1b]0;owned\\x07\n").doesNotContain("\u001b")
                .containsPattern("==> ended \\S+ after \\d+\\.\\d s: exit code 0\n$");
        d.term();
        assertThat(d.waitFor(T)).isZero();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> snapshot(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> {
                try {
                    return dir.relativize(p) + " " + (Files.isRegularFile(p) ? Files.size(p) + " "
                            + Files.getLastModifiedTime(p).toMillis() : "dir");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
