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
                            + "max_concurrent, max_runtime_minutes, type)",
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
