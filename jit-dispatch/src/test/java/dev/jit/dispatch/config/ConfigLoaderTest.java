package dev.jit.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jit.core.model.Priority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path tmp;

    private Path write(String toml) throws Exception {
        Path f = tmp.resolve("dispatch.toml");
        Files.writeString(f, toml);
        return f;
    }

    private List<String> problems(String toml) throws Exception {
        Path f = write(toml);
        return catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(f)).problems();
    }

    @Test
    void readsTheReferenceFormatWithDefaultsForTheExtensions() throws Exception {
        DispatchConfig c = ConfigLoader.load(write("""
                poll_interval_secs = 5
                [[agents]]
                id = "copilot-1"
                type = "copilot"
                max_concurrent = 2
                command = "gh copilot work {issue_id}"
                """));
        assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.stallTimeout()).as("on by default").isEqualTo(Duration.ofMinutes(30));
        assertThat(c.retry()).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(30)));
        assertThat(c.logs()).isEqualTo(new LogRetention(20, Duration.ofDays(14)));
        assertThat(c.onOrphan()).isEqualTo(OnOrphan.RELEASE);
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.priorityOrder()).containsExactly(Priority.values());
        assertThat(c.agents()).singleElement().satisfies(a -> {
            assertThat(a.assignee()).isEqualTo("agent:copilot-1");
            assertThat(a.command().words()).containsExactly("gh", "copilot", "work", "{issue_id}");
            assertThat(a.maxRuntime()).as("no limit by default").isZero();
            assertThat(a.worktree()).as("runs in the repository by default").isFalse();
        });
    }

    @Test
    void readsEveryExtension() throws Exception {
        DispatchConfig c = ConfigLoader.load(write("""
                poll_interval_secs = 2
                stall_timeout_minutes = 0.5
                priority_order = ["high", "critical"]
                on_orphan = "keep"
                shutdown_grace_secs = 3
                max_attempts = 5
                retry_backoff_seconds = 0.5
                retry_backoff_max_seconds = 3
                log_keep_runs = 2
                log_keep_days = 0.5
                [[agents]]
                id = "be"
                max_concurrent = 3
                command = "run {issue_id}"
                filter = "label:area:backend,priority:high|critical"
                max_runtime_minutes = 0.1
                """));
        assertThat(c.stallTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.retry()).isEqualTo(new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(3)));
        assertThat(c.logs()).isEqualTo(new LogRetention(2, Duration.ofHours(12)));
        assertThat(c.agents().get(0).maxRuntime()).isEqualTo(Duration.ofSeconds(6));
        assertThat(c.priorityOrder()).containsExactly(Priority.HIGH, Priority.CRITICAL, Priority.NORMAL, Priority.LOW);
        assertThat(c.onOrphan()).isEqualTo(OnOrphan.KEEP);
        assertThat(c.agents().get(0).filterText()).isEqualTo("label:area:backend,priority:high|critical");
    }

    @Test
    void reportsUnknownKeysAndBadValuesWithFileLineAndKey() throws Exception {
        List<String> p = problems("""
                poll_interval_secs = 0
                poll_intervall = 5
                on_orphan = "forget"
                [[agents]]
                id = "a1"
                max_concurrent = 2
                command = "run {issue_id}"

                [[agents]]
                id = "a1"
                max_concurrent = "two"
                command = "run {isue_id}"
                filter = "colour:red"
                capacity = 4
                """);
        String f = tmp.resolve("dispatch.toml").toString();
        assertThat(p).containsExactlyInAnyOrder(
                f + ":1: poll_interval_secs: must be an integer >= 1 (got 0)",
                f + ":2: poll_intervall: unknown key (known: agents, lease_ttl_secs, log_keep_days, log_keep_runs, max_attempts, "
                        + "on_orphan, poll_interval_secs, priority_order, retry_backoff_max_seconds, "
                        + "retry_backoff_seconds, shutdown_grace_secs, stall_timeout_minutes)",
                f + ":3: on_orphan: must be \"release\" or \"keep\" (got \"forget\")",
                f + ":10: agents[1].id: duplicate agent id \"a1\"",
                f + ":11: agents[1].max_concurrent: must be an integer >= 1 (got \"two\")",
                f + ":12: agents[1].command: unknown placeholder {isue_id} (known: {issue_id}, {title}, {priority}, "
                        + "{agent_id}, {data_dir})",
                f + ":13: agents[1].filter: Invalid filter 'colour:red': unknown field 'colour'",
                f + ":14: agents[1].capacity: unknown key (known: command, filter, id, keep_worktree, max_concurrent, "
                        + "max_runtime_minutes, type, workspace)");
    }

    @Test
    void reportsMissingRequiredKeysAndWrongShapes() throws Exception {
        String f = tmp.resolve("dispatch.toml").toString();
        assertThat(problems("poll_interval_secs = 5\n")).containsExactly(
                f + ": agents: missing: add at least one [[agents]] table");
        assertThat(problems("[agents]\nid = \"x\"\n")).containsExactly(
                f + ":1: agents: must be one or more [[agents]] tables");
        assertThat(problems("""
                priority_order = ["urgent"]
                stall_timeout_minutes = -1
                [[agents]]
                id = "has space"
                command = "run 'unterminated"
                """)).containsExactlyInAnyOrder(
                f + ":1: priority_order: unknown priority \"urgent\" (valid: critical, high, normal, low)",
                f + ":2: stall_timeout_minutes: must be a number >= 0 (got -1)",
                f + ":4: agents[0].id: must be letters, digits, '_', '.', ':' or '-' without spaces (got \"has space\")",
                f + ":3: agents[0].max_concurrent: missing: required integer >= 1",
                f + ":5: agents[0].command: unterminated single quote");
    }

    @Test
    void reportsBadRetrySettingsAndTheRenamedRetryDelay() throws Exception {
        String f = tmp.resolve("dispatch.toml").toString();
        assertThat(problems("""
                retry_delay_secs = 30
                max_attempts = 0
                retry_backoff_seconds = 60
                retry_backoff_max_seconds = 10
                log_keep_runs = 0
                [[agents]]
                id = "a"
                max_concurrent = 1
                command = "run"
                max_runtime_minutes = "long"
                workspace = "tmpdir"
                keep_worktree = "yes"
                """)).containsExactlyInAnyOrder(
                f + ":11: agents[0].workspace: must be \"repo\" or \"worktree\" (got \"tmpdir\")",
                f + ":12: agents[0].keep_worktree: must be true or false (got \"yes\")",
                f + ":1: retry_delay_secs: replaced by retry_backoff_seconds (the first delay; it doubles with every "
                        + "failed attempt up to retry_backoff_max_seconds)",
                f + ":2: max_attempts: must be an integer >= 1 (got 0)",
                f + ":4: retry_backoff_max_seconds: must be >= retry_backoff_seconds (60.0)",
                f + ":5: log_keep_runs: must be an integer >= 1 (got 0)",
                f + ":10: agents[0].max_runtime_minutes: must be a number >= 0 (got \"long\")");
    }

    @Test
    void backoffDoublesPerFailedAttemptUpToItsCap() {
        RetryPolicy p = new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertThat(List.of(1, 2, 3, 4, 60, Integer.MAX_VALUE).stream().map(p::delayAfter)).containsExactly(
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(p.exhausted(2)).isFalse();
        assertThat(p.exhausted(3)).isTrue();
        assertThat(new RetryPolicy(3, Duration.ZERO, Duration.ZERO).delayAfter(1_000_000)).isZero();
    }

    @Test
    void reportsTomlSyntaxErrorsWithTheirLine() throws Exception {
        assertThat(problems("poll_interval_secs = 5\n[[agents]\nid = 1\n")).singleElement().asString()
                .startsWith(tmp.resolve("dispatch.toml") + ":2: invalid TOML: ");
        assertThat(problems("a = 1\nb = = 2\n")).singleElement().asString()
                .isEqualTo(tmp.resolve("dispatch.toml") + ":2: invalid TOML: Unknown token");
        assertThat(problems("poll_interval_secs = 1\npoll_interval_secs = 2\n")).singleElement().asString()
                .isEqualTo(tmp.resolve("dispatch.toml") + ":2: invalid TOML: Duplicate key");
    }

    @Test
    void reportsAMissingFile() {
        Path f = tmp.resolve("nope.toml");
        assertThat(catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(f)).problems())
                .containsExactly(f + ": config file not found");
    }
}
