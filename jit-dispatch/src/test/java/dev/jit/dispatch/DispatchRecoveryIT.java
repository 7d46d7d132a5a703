package dev.jit.dispatch;

import static dev.jit.dispatch.testkit.Harness.maxOverlap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.json.Json;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.dispatch.testkit.Harness;
import dev.jit.dispatch.testkit.Harness.Dispatch;
import dev.jit.dispatch.testkit.Harness.Mark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Several dispatchers on one store, and dispatchers that die with kill -9. */
class DispatchRecoveryIT extends WithHarness {

    @Test
    void twoDispatchersOnOneStoreNeverRunAnIssueTwiceNorExceedALimit() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(h.create(Priority.NORMAL, "task " + i));
        }
        Path cfg = h.config("dispatch.toml", h.agent("a1", 2, null) + h.agent("a2", 2, null));
        Map<String, String> env = new HashMap<>(h.doneService());
        env.put("AGENT_SLEEP", "0.1");
        Dispatch d1 = h.launch("start", cfg, env);
        Dispatch d2 = h.launch("start", cfg, env);
        h.awaitAllDone(ids, Duration.ofSeconds(100), d1, d2);
        d1.term();
        d2.term();
        assertThat(d1.waitFor(Duration.ofSeconds(20))).isZero();
        assertThat(d2.waitFor(Duration.ofSeconds(20))).isZero();

        for (String id : ids) {
            assertThat(h.startsOf(id)).as("runs of %s", id).isEqualTo(1);
        }
        assertThat(h.events("issue_claimed")).hasSize(30);
        // Slots are shared through the store: both dispatchers together stay within each agent's limit.
        assertThat(maxOverlap(h.marks(), "a1")).isBetween(1, 2);
        assertThat(maxOverlap(h.marks(), "a2")).isBetween(1, 2);
    }

    @Test
    void killMinus9ThenRestartAdoptsRunningAgentsWithoutLosingOrDuplicatingWork() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(h.create(Priority.NORMAL, "task " + i));
        }
        Path cfg = h.config("dispatch.toml", h.agent("a1", 3, null));
        Map<String, String> env = new HashMap<>(h.doneService());
        env.put("AGENT_SLEEP", "6"); // still running when the second dispatcher has started, on a loaded machine too
        Dispatch d1 = h.launch("start", cfg, env);
        Harness.await(() -> h.starts().size() == 3, Duration.ofSeconds(20), d1::output);
        d1.kill9();
        List<Mark> orphaned = h.starts();
        orphaned.forEach(m -> assertThat(ProcessHandle.of(m.pid()).map(ProcessHandle::isAlive)).contains(true));

        env.put("AGENT_SLEEP", "0.2");
        Dispatch d2 = h.launch("start", cfg, env);
        h.awaitAllDone(ids, Duration.ofSeconds(60), d1, d2);
        d2.term();
        assertThat(d2.waitFor(Duration.ofSeconds(20))).isZero();

        for (String id : ids) {
            assertThat(h.startsOf(id)).as("runs of %s", id).isEqualTo(1);
        }
        for (Mark m : orphaned) {
            assertThat(d2.output()).contains("orphan-adopted issue=" + m.issue());
        }
        assertThat(maxOverlap(h.marks(), "a1")).isEqualTo(3);
        assertThat(h.events("issue_released")).isEmpty();
        assertThat(h.events("agent_orphaned")).hasSize(3)
                .allMatch(e -> e.json().path("action").asText().equals("adopted"));
    }

    @Test
    void orphanWhoseAgentDiedTooIsReleasedAndRunAgain() {
        String id = h.create(Priority.NORMAL, "once-hang task");
        Path cfg = h.config("dispatch.toml", "on_orphan = \"release\"\nretry_backoff_seconds = 0\n"
                + h.agent("a1", 1, null));
        crashWithAgent(cfg);

        Dispatch d2 = h.launch("start", cfg);
        h.awaitAllDone(List.of(id), Duration.ofSeconds(30), d2);
        d2.term();
        assertThat(d2.waitFor(Duration.ofSeconds(20))).isZero();
        assertThat(d2.output()).contains("orphan-released issue=" + id);
        assertThat(h.startsOf(id)).isEqualTo(2);
        assertThat(h.events("issue_released")).singleElement()
                .satisfies(e -> assertThat(e.json().path("reason").asText()).isEqualTo("agent lost: its dispatcher died"));
        assertThat(h.runLogs(id)).as("the lost run counts as attempt 1").hasSize(2).last().asString()
                .contains("attempt-2.");
        assertThat(h.store.agents().dispatchRecords()).as("forgotten once done").isEmpty();
    }

    @Test
    void keptOrphanHoldsItsSlotUntilItsIssueMovesOn() {
        String orphan = h.create(Priority.CRITICAL, "hang task");
        String next = h.create(Priority.LOW, "good task");
        Path cfg = h.config("dispatch.toml", "on_orphan = \"keep\"\n" + h.agent("a1", 1, null));
        crashWithAgent(cfg);

        Dispatch d2 = h.launch("start", cfg);
        d2.awaitOutput("orphan-kept issue=" + orphan, Duration.ofSeconds(20));
        sleep(1500);
        assertThat(h.startsOf(next)).as("the kept orphan holds a1's only slot").isZero();
        assertThat(h.issue(orphan).state()).isEqualTo(State.IN_PROGRESS);
        assertThat(h.issue(orphan).assignee()).isEqualTo("agent:a1");
        Dispatch status = h.run("status", cfg, Duration.ofSeconds(30));
        assertThat(status.output()).contains("a1                   test         1/1");
        assertThat(status.output().lines().filter(l -> l.contains(orphan) && !l.contains("!"))).singleElement()
                .asString().contains(" kept ");

        h.markDone(orphan);
        h.awaitAllDone(List.of(next), Duration.ofSeconds(20), d2);
        d2.term();
        assertThat(d2.waitFor(Duration.ofSeconds(20))).isZero();
        assertThat(d2.output()).contains("orphan-freed issue=" + orphan);
        assertThat(h.events("issue_released")).isEmpty();
    }

    @Test
    void afterKillMinus9StatusFlagsUnsupervisedRunsAndANewDispatcherSeesAdoptedExitsAtOnce() throws Exception {
        String a = h.create(Priority.HIGH, "hang task a");
        String b = h.create(Priority.HIGH, "hang task b");
        String lost = h.create(Priority.NORMAL, "hang task lost");
        String byHand = h.create(Priority.LOW, "claimed by hand");
        Path cfg = h.config("dispatch.toml", "retry_backoff_seconds = 300\nretry_backoff_max_seconds = 300\n"
                + h.agent("a1", 3, null));
        Dispatch d1 = h.launch("start", cfg, Map.of());
        Harness.await(() -> h.starts().size() == 3, Duration.ofSeconds(30), d1::output);
        d1.kill9();
        Map<String, Long> pids = new HashMap<>();
        h.starts().forEach(m -> pids.put(m.issue(), m.pid()));
        Harness.kill9(pids.get(lost));
        h.issues.claim(byHand, "agent:a1"); // in progress for a1, but no dispatcher started anything for it

        Dispatch text = h.run("status", cfg, Duration.ofSeconds(30));
        assertThat(text.process.exitValue()).as(text.output()).isZero();
        assertThat(text.output()).contains("! " + a + ": its dispatcher (pid " + d1.process.pid() + ") is gone",
                "(the agent process still runs)", "! " + lost + ": its dispatcher", "(no agent process either)",
                "In progress with no agent process (1):", byHand);
        Dispatch json = h.run(List.of("status", "--json", "-c", cfg.toString(), "-r", h.repo.toString()),
                Duration.ofSeconds(30));
        JsonNode status = Json.parse(json.output());
        Map<String, JsonNode> runs = new HashMap<>();
        status.path("running").forEach(r -> runs.put(r.path("issue_id").asText(), r));
        assertThat(runs).containsOnlyKeys(a, b, lost);
        for (String live : List.of(a, b)) {
            JsonNode r = runs.get(live);
            assertThat(r.path("status").asText()).isEqualTo("unsupervised");
            assertThat(r.path("flags").toString()).isEqualTo("[\"dispatcher_gone\"]");
            assertThat(r.path("dispatcher_alive").asBoolean()).isFalse();
            assertThat(r.path("process_alive").asBoolean()).isTrue();
            assertThat(r.path("attempt").asInt()).isEqualTo(1);
            assertThat(r.path("agent_id").asText()).isEqualTo("a1");
            assertThat(r.path("pid").asLong()).isEqualTo(pids.get(live));
            assertThat(r.path("started_at").asText()).startsWith("20");
            assertThat(r.path("idle_secs").isIntegralNumber()).isTrue();
            assertThat(r.path("last_output").asText()).startsWith("agent a1 working on " + live + ": hang task");
        }
        assertThat(runs.get(lost).path("status").asText()).isEqualTo("orphaned");
        assertThat(runs.get(lost).path("flags").toString()).isEqualTo("[\"dispatcher_gone\",\"no_process\"]");
        assertThat(status.path("in_progress_without_process")).singleElement()
                .satisfies(i -> assertThat(i.path("id").asText()).isEqualTo(byHand));

        // A new dispatcher adopts the live agents; their exits are seen by its 50 ms watcher, not the JDK's
        // growing poll. The figures go to the test output (no timed assertion).
        Dispatch d2 = h.launch("start", cfg, Map.of());
        d2.awaitOutput("orphan-adopted issue=" + b, Duration.ofSeconds(30));
        d2.awaitOutput("orphan-adopted issue=" + a, Duration.ofSeconds(30));
        d2.awaitOutput("orphan-released issue=" + lost, Duration.ofSeconds(30));
        List<Long> latencies = new ArrayList<>();
        for (String adopted : List.of(a, b)) {
            Instant killed = Instant.now();
            Harness.kill9(pids.get(adopted));
            d2.awaitOutput("exited issue=" + adopted, Duration.ofSeconds(30));
            String line = d2.output().lines().filter(l -> l.contains(" exited issue=" + adopted)).findFirst().orElseThrow();
            latencies.add(Duration.between(killed, Instant.parse(line.substring(0, line.indexOf(' ')))).toMillis());
        }
        System.out.println("adopted agent exit noticed (kill -9 to the 'exited' line, store commit included): "
                + latencies + " ms");
        d2.term();
        assertThat(d2.waitFor(Duration.ofSeconds(30))).isZero();
        Map<String, String> reasons = new HashMap<>();
        h.events("issue_released").forEach(e -> reasons.put(e.issueId(), e.json().path("reason").asText()));
        assertThat(reasons).containsOnly(
                Map.entry(a, "agent exited (status unknown: adopted after a dispatcher restart)"),
                Map.entry(b, "agent exited (status unknown: adopted after a dispatcher restart)"),
                Map.entry(lost, "agent lost: its dispatcher died"));
        assertThat(h.store.agents().dispatchRecords()).containsOnlyKeys(a, b, lost)
                .allSatisfy((id, r) -> assertThat(r.attempts()).isEqualTo(1));
        for (String id : List.of(a, b, lost)) {
            assertThat(Files.readString(h.runLogs(id).get(0))).contains("==> ended ", "exit status unknown");
        }
        assertThat(h.issue(byHand).state()).isEqualTo(State.IN_PROGRESS);
    }

    /** Starts a dispatcher, waits for its agent, then kills both with SIGKILL (a machine crash). */
    private void crashWithAgent(Path cfg) {
        Dispatch d1 = h.launch("start", cfg);
        Harness.await(() -> h.starts().size() == 1, Duration.ofSeconds(20), d1::output);
        d1.kill9();
        ProcessHandle agent = ProcessHandle.of(h.starts().get(0).pid()).orElseThrow();
        agent.descendants().forEach(ProcessHandle::destroyForcibly);
        agent.destroyForcibly();
        agent.onExit().join();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
