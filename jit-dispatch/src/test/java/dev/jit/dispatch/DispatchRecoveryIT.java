package dev.jit.dispatch;

import static dev.jit.dispatch.testkit.Harness.maxOverlap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.dispatch.testkit.Harness;
import dev.jit.dispatch.testkit.Harness.Dispatch;
import dev.jit.dispatch.testkit.Harness.Mark;
import java.nio.file.Path;
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
        env.put("AGENT_SLEEP", "2");
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
        Path cfg = h.config("dispatch.toml", "on_orphan = \"release\"\n" + h.agent("a1", 1, null));
        crashWithAgent(cfg);

        Dispatch d2 = h.launch("start", cfg);
        h.awaitAllDone(List.of(id), Duration.ofSeconds(30), d2);
        d2.term();
        assertThat(d2.waitFor(Duration.ofSeconds(20))).isZero();
        assertThat(d2.output()).contains("orphan-released issue=" + id);
        assertThat(h.startsOf(id)).isEqualTo(2);
        assertThat(h.events("issue_released")).singleElement()
                .satisfies(e -> assertThat(e.json().path("reason").asText()).isEqualTo("agent lost: its dispatcher died"));
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
        assertThat(status.output().lines().filter(l -> l.contains(orphan))).singleElement().asString()
                .endsWith("kept");

        h.markDone(orphan);
        h.awaitAllDone(List.of(next), Duration.ofSeconds(20), d2);
        d2.term();
        assertThat(d2.waitFor(Duration.ofSeconds(20))).isZero();
        assertThat(d2.output()).contains("orphan-freed issue=" + orphan);
        assertThat(h.events("issue_released")).isEmpty();
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
