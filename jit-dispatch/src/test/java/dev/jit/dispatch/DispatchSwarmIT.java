package dev.jit.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.events.Event;
import dev.jit.core.model.DispatchRecord;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.dispatch.testkit.Harness;
import dev.jit.dispatch.testkit.Harness.Dispatch;
import dev.jit.dispatch.testkit.Harness.Mark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A swarm: a 40-issue DAG, capacity 4, agents that succeed, fail, hang, print while stuck, exit 0 without
 * finishing, and agents killed with kill -9 at random, plus one kill -9 of the dispatcher mid-run. Timeouts are
 * seconds, so the whole run takes about a minute.
 */
class DispatchSwarmIT extends WithHarness {
    private static final int CORE = 30;
    /** Leaves (nothing depends on them) whose agents never succeed: they must end labelled needs:human. */
    private static final List<String> FAILING = List.of("fail", "lazy", "chatty", "hang");

    @Test
    void aFortyIssueDagWithMisbehavingAgentsAndADispatcherCrashEndsDoneOrNeedsHuman() throws Exception {
        Random random = new Random(42);
        List<String> core = new ArrayList<>();
        Map<String, List<String>> dependsOn = new HashMap<>();
        for (int i = 0; i < CORE; i++) {
            // every fifth core issue hangs on its first attempt (a stall, then a successful retry)
            String id = h.create(Priority.NORMAL, (i % 5 == 4 ? "once-hang " : "good ") + i);
            List<String> deps = new ArrayList<>();
            for (int k = 0; k < 2 && i >= 3; k++) {
                String dep = core.get(random.nextInt(i));
                if (!deps.contains(dep)) {
                    deps.add(dep);
                    h.store.dependencies().add(id, dep);
                }
            }
            dependsOn.put(id, deps);
            core.add(id);
        }
        List<String> leaves = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = h.create(Priority.LOW, FAILING.get(i % FAILING.size()) + " leaf " + i);
            String dep = core.get(random.nextInt(CORE));
            h.store.dependencies().add(id, dep);
            dependsOn.put(id, List.of(dep));
            leaves.add(id);
        }
        List<String> all = new ArrayList<>(core);
        all.addAll(leaves);
        Path cfg = h.config("dispatch.toml", """
                poll_interval_secs = 30
                stall_timeout_minutes = 0.04
                max_attempts = 3
                retry_backoff_seconds = 0.3
                retry_backoff_max_seconds = 1
                shutdown_grace_secs = 2
                """ + h.agent("w", 4, null) + "max_runtime_minutes = 0.08\n");
        Map<String, String> env = new HashMap<>(h.doneService());
        env.put("AGENT_SLEEP", "0.3");

        Instant begin = Instant.now();
        Dispatch d1 = h.launch("start", cfg, env);
        Set<String> killedIssues = new HashSet<>();
        AtomicBoolean stopKilling = new AtomicBoolean();
        Thread killer = new Thread(() -> killAtRandom(new Random(7), core, killedIssues, stopKilling), "swarm-killer");
        killer.start();
        Harness.await(() -> all.stream().filter(id -> h.issue(id).state() == State.DONE).count() >= 12,
                Duration.ofSeconds(90), d1::output);
        d1.kill9();
        Dispatch d2 = h.launch("start", cfg, env);
        Harness.await(() -> all.stream().allMatch(id -> settled(h.issue(id))) && noRunningRecords(),
                Duration.ofSeconds(150), () -> "every issue done or needs:human; states " + states(all)
                        + "\n" + d1.output() + "\n----\n" + d2.output());
        Duration wall = Duration.between(begin, Instant.now());
        stopKilling.set(true);
        killer.join();
        d2.term();
        assertThat(d2.waitFor(Duration.ofSeconds(60))).as(d2.output()).isZero();

        for (String id : core) {
            assertThat(h.issue(id).state()).as("core issue %s: %s", id, h.issue(id).title()).isEqualTo(State.DONE);
        }
        for (String id : leaves) {
            Issue leaf = h.issue(id);
            assertThat(leaf.labels()).as("%s", leaf.title()).contains(DispatchRecord.NEEDS_HUMAN);
            assertThat(leaf.state()).isEqualTo(State.READY);
            assertThat(leaf.assignee()).isNull();
        }
        assertThat(d2.output()).contains("orphan-");

        // From the event log (commit order, under the store lock; a start is committed before its process
        // starts, an end after it ended): never two runs of one issue at once, never more than 4 at once.
        List<Event> events = new ArrayList<>();
        h.store.events().readFrom(0, events::add);
        Set<String> running = new HashSet<>();
        int most = 0;
        for (Event e : events) {
            boolean ended = e.type().equals("agent_exited") || e.type().equals("agent_orphaned")
                    && e.json().path("action").asText().equals("released");
            if (e.type().equals("agent_started")) {
                assertThat(running.add(e.issueId())).as("a second run of %s started while one ran", e.issueId()).isTrue();
                most = Math.max(most, running.size());
            } else if (ended) {
                assertThat(running.remove(e.issueId())).as("end of a run of %s that was not running", e.issueId()).isTrue();
            }
        }
        assertThat(running).isEmpty();
        assertThat(most).isBetween(1, 4);

        // The critical path: the longest chain of dependencies, and the time its successful runs took.
        Map<String, Long> successMs = new HashMap<>();
        for (Event e : events) {
            if (e.type().equals("agent_exited") && e.json().path("issue_state").asText().equals("done")) {
                successMs.put(e.issueId(), e.json().path("duration_ms").asLong());
            }
        }
        Map<String, Long> chainMs = new HashMap<>();
        Map<String, Integer> chainLength = new HashMap<>();
        for (String id : core) { // creation order is a topological order
            long longest = 0;
            int length = 0;
            for (String dep : dependsOn.get(id)) {
                if (chainMs.get(dep) > longest) {
                    longest = chainMs.get(dep);
                    length = chainLength.get(dep);
                }
            }
            chainMs.put(id, longest + successMs.getOrDefault(id, 0L));
            chainLength.put(id, length + 1);
        }
        String end = core.stream().max((a, b) -> Long.compare(chainMs.get(a), chainMs.get(b))).orElseThrow();
        long runs = events.stream().filter(e -> e.type().equals("agent_started")).count();
        System.out.println("swarm: 40 issues, " + runs + " runs, " + killedIssues.size() + " agents killed with kill -9,"
                + " one dispatcher killed with kill -9; wall time " + wall.toMillis() + " ms; critical path "
                + chainLength.get(end) + " issues, its successful runs " + chainMs.get(end) + " ms; most runs at once "
                + most);
    }

    private boolean settled(Issue i) {
        return i.state() == State.DONE || i.labels().contains(DispatchRecord.NEEDS_HUMAN) && i.assignee() == null;
    }

    private boolean noRunningRecords() {
        Path dir = h.dataDir.resolve("dispatch/running");
        try (var files = Files.list(dir)) {
            return files.findAny().isEmpty();
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private Map<String, String> states(List<String> ids) {
        Map<String, String> out = new HashMap<>();
        ids.forEach(id -> out.put(h.issue(id).title(), h.issue(id).state().wire() + h.issue(id).labels()));
        return out;
    }

    /** Every second or so, kill -9 a running agent of a core issue (at most once per issue, five in all). */
    private void killAtRandom(Random random, List<String> core, Set<String> killed, AtomicBoolean stop) {
        while (!stop.get() && killed.size() < 5) {
            try {
                Thread.sleep(800 + random.nextInt(800));
            } catch (InterruptedException e) {
                return;
            }
            List<Mark> candidates = h.starts().stream().filter(m -> core.contains(m.issue()) && !killed.contains(m.issue())
                    && !Harness.hasEnded(m.pid())).toList();
            if (!candidates.isEmpty()) {
                Mark victim = candidates.get(random.nextInt(candidates.size()));
                killed.add(victim.issue());
                ProcessHandle.of(victim.pid()).ifPresent(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
            }
        }
    }
}
