package dev.jit.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.Issues;
import dev.jit.core.events.Event;
import dev.jit.core.model.DispatchRecord;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.dispatch.testkit.Harness;
import dev.jit.dispatch.testkit.Harness.Dispatch;
import dev.jit.dispatch.testkit.Harness.Mark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Failed attempts kept in the store: backoff shared by dispatchers and restarts, needs:human, exec failures. */
class DispatchRetryIT extends WithHarness {
    private static final Pattern HELD_BACK = Pattern.compile("^(\\S+) held-back issue=(\\S+) attempts=(\\d+)/(\\d+) "
            + "next_retry_at=(\\S+)$", Pattern.MULTILINE);

    /** A held-back decision: when it was logged, the attempts counted, and the retry time it set. */
    private record HeldBack(Instant at, int attempts, Instant retryAt) {
    }

    private static List<HeldBack> heldBack(String output, String issue) {
        List<HeldBack> out = new java.util.ArrayList<>();
        Matcher m = HELD_BACK.matcher(output);
        while (m.find()) {
            if (m.group(2).equals(issue)) {
                out.add(new HeldBack(Instant.parse(m.group(1)), Integer.parseInt(m.group(3)), Instant.parse(m.group(5))));
            }
        }
        return out;
    }

    private static Instant nanosToInstant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }

    @Test
    void backoffIsSharedByEveryDispatcherAndSurvivesRestartsThenNeedsHumanUntilAHumanClearsIt() throws Exception {
        String id = h.create(Priority.HIGH, "fail task");
        // A long poll interval: only the retry deadline (or a store write) can wake a dispatcher for the retry.
        Path cfg = h.config("dispatch.toml", """
                poll_interval_secs = 120
                max_attempts = 3
                retry_backoff_seconds = 3
                retry_backoff_max_seconds = 5
                """ + h.agent("a1", 1, null));
        Dispatch first = h.launch("start", cfg, Map.of());
        first.awaitOutput("held-back issue=" + id + " attempts=1/3", Duration.ofSeconds(30));
        first.term();
        assertThat(first.waitFor(Duration.ofSeconds(30))).isZero();
        HeldBack one = heldBack(first.output(), id).get(0);
        assertThat(h.store.agents().dispatchRecords().get(id)).satisfies(r -> {
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.nextRetryAt()).isEqualTo(one.retryAt());
            assertThat(r.lastFailure()).isEqualTo("agent exited with 3");
        });

        // A restart and a second dispatcher: neither retries before the stored time.
        Dispatch d1 = h.launch("start", cfg, Map.of());
        Dispatch d2 = h.launch("start", cfg, Map.of());
        Harness.await(() -> h.events("issue_updated").size() == 1, Duration.ofSeconds(60),
                () -> "needs:human label; outputs:\n" + d1.output() + "\n----\n" + d2.output());
        // The dispatcher logs gave-up after the commit that labels the issue: wait for the line as well.
        Harness.await(() -> (d1.output() + d2.output()).contains("gave-up issue=" + id), Duration.ofSeconds(30),
                () -> "gave-up line; outputs:\n" + d1.output() + "\n----\n" + d2.output());
        String both = d1.output() + "\n" + d2.output();
        HeldBack two = heldBack(both, id).stream().filter(b -> b.attempts() == 2).findFirst().orElseThrow();
        List<Mark> starts = h.starts();
        assertThat(starts).hasSize(3);
        assertThat(nanosToInstant(starts.get(1).nanos())).as("second run after the first retry time")
                .isAfterOrEqualTo(one.retryAt());
        assertThat(nanosToInstant(starts.get(2).nanos())).as("third run after the second retry time")
                .isAfterOrEqualTo(two.retryAt());
        // Backoff doubles: 3 s after the first failure, 5 s (6 s capped) after the second.
        assertThat(Duration.between(two.at(), two.retryAt())).isGreaterThan(Duration.between(one.at(), one.retryAt()));
        assertThat(both).contains("gave-up issue=" + id + " attempts=3 label=needs:human last_failure=\"agent exited with 3\"");

        assertThat(h.issue(id).labels()).containsExactly(DispatchRecord.NEEDS_HUMAN);
        assertThat(h.issue(id).state()).isEqualTo(State.READY);
        assertThat(h.store.agents().dispatchRecords().get(id)).satisfies(r -> {
            assertThat(r.attempts()).isEqualTo(3);
            assertThat(r.gaveUp()).isTrue();
        });
        assertThat(h.events("issue_updated")).singleElement().satisfies(e -> {
            assertThat(e.issueId()).isEqualTo(id);
            assertThat(e.json().path("changes").path("labels").path("to").toString()).contains("needs:human");
            assertThat(e.json().path("actor").asText()).startsWith("dispatcher:");
        });
        Thread.sleep(6000); // beyond the largest backoff: a given-up issue stays put
        assertThat(h.starts()).hasSize(3);
        Dispatch status = h.run("status", cfg, Duration.ofSeconds(30));
        assertThat(status.output().lines().filter(l -> l.contains(id) && l.contains("3/3"))).singleElement()
                .asString().contains("needs:human", "agent exited with 3");

        // A human fixes the task and removes the label: it runs again, from attempt 1, and succeeds.
        h.issues.update(id, new Issues.Edit("fixed task", null, null, null, null, List.of(DispatchRecord.NEEDS_HUMAN),
                null, null));
        h.awaitAllDone(List.of(id), Duration.ofSeconds(60), d1, d2);
        d1.term();
        d2.term();
        assertThat(d1.waitFor(Duration.ofSeconds(30))).isZero();
        assertThat(d2.waitFor(Duration.ofSeconds(30))).isZero();
        assertThat(d1.output() + d2.output()).contains("attempts-reset issue=" + id + " attempts=3");
        assertThat(h.starts()).hasSize(4);
        assertThat(h.store.agents().dispatchRecords()).as("forgotten once done").doesNotContainKey(id);
        List<Path> logs = h.runLogs(id);
        assertThat(logs).hasSize(4);
        assertThat(logs.stream().map(p -> p.getFileName().toString().substring(0, 9)))
                .containsExactly("attempt-1", "attempt-1", "attempt-2", "attempt-3");
        assertThat(Files.readString(logs.get(1))).as("the later run of attempt 1").contains("fixed task")
                .endsWith(": exit code 0\n");
        assertThat(h.events("issue_claimed")).hasSize(4);
    }

    @Test
    void aProgramThatFailsToStartIsHeldBackButNeverCountedAsAnAttempt() {
        // The first word is a placeholder, so only the run finds out the program does not exist.
        String id = h.create(Priority.HIGH, "/nonexistent/agent-program");
        Path cfg = h.config("dispatch.toml", """
                max_attempts = 1
                retry_backoff_seconds = 0.3
                [[agents]]
                id = "a1"
                max_concurrent = 1
                command = "{title} {issue_id}"
                """);
        Dispatch d = h.launch("start", cfg, Map.of());
        Harness.await(() -> h.events("issue_released").size() >= 3, Duration.ofSeconds(60), d::output);
        d.term();
        assertThat(d.waitFor(Duration.ofSeconds(30))).isZero();
        assertThat(h.events("issue_released")).allSatisfy(e -> assertThat(e.json().path("reason").asText())
                .startsWith("agent program failed to start: setsid: failed to execute /nonexistent/agent-program"));
        assertThat(d.output()).contains("held-back issue=" + id + " counted=false").doesNotContain("gave-up");
        assertThat(h.issue(id).labels()).isEmpty();
        assertThat(h.store.agents().dispatchRecords().get(id)).satisfies(r -> {
            assertThat(r.attempts()).isZero();
            assertThat(r.gaveUp()).isFalse();
            assertThat(r.lastFailure()).startsWith("agent program failed to start");
        });
    }

    @Test
    void aDamagedDispatchStateStopsDispatchingWithAClearErrorAndIsLeftAsItIs() throws Exception {
        h.create(Priority.HIGH, "good task");
        Path file = h.dataDir.resolve("dispatch.json");
        Files.writeString(file, "{\"issues\": {\"x\": ");
        Path cfg = h.config("dispatch.toml", h.agent("a1", 1, null));
        for (String command : List.of("once", "status")) {
            Dispatch d = h.run(command, cfg, Duration.ofSeconds(30));
            assertThat(d.process.exitValue()).as(d.output()).isEqualTo(10);
            assertThat(d.output().lines().filter(l -> l.startsWith("error: "))).singleElement().asString()
                    .contains("Cannot read " + file);
            assertThat(d.output()).doesNotContain("Exception", "\tat ");
        }
        assertThat(Files.readString(file)).isEqualTo("{\"issues\": {\"x\": ");
        assertThat(h.events("issue_claimed")).isEmpty();

        // A daemon keeps running and says why it dispatches nothing; once repaired, it goes on.
        Dispatch d = h.launch("start", cfg, Map.of());
        d.awaitOutput("error during=\"dispatch cycle\" message=\"Cannot read " + file, Duration.ofSeconds(30));
        Files.delete(file);
        h.create(Priority.LOW, "a write, which wakes the dispatcher");
        Harness.await(() -> h.events("issue_claimed").size() == 2, Duration.ofSeconds(30), d::output);
        d.term();
        assertThat(d.waitFor(Duration.ofSeconds(30))).isZero();
        assertThat(h.events("issue_claimed")).extracting(Event::issueId).doesNotHaveDuplicates();
    }
}
