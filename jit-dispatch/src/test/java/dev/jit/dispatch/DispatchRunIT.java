package dev.jit.dispatch;

import static dev.jit.dispatch.testkit.Harness.maxOverlap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.events.Event;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.dispatch.testkit.Harness;
import dev.jit.dispatch.testkit.Harness.Dispatch;
import dev.jit.dispatch.testkit.Harness.Mark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dispatcher running real agent scripts: capacity, priority, failures, stalls, SIGTERM. */
class DispatchRunIT extends WithHarness {

    @Test
    void fortyIssuesThreeAgentsMixedPrioritiesAllDoneWithinLimitsCriticalFirst() {
        Priority[] mix = {Priority.LOW, Priority.NORMAL, Priority.CRITICAL, Priority.HIGH, Priority.NORMAL,
                Priority.LOW, Priority.HIGH, Priority.NORMAL};
        List<String> ids = new ArrayList<>();
        Map<String, Priority> priority = new HashMap<>();
        Set<String> backend = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            Priority p = mix[i % mix.length];
            boolean be = i % 2 == 0;
            String id = be ? h.create(p, "task " + i, "area:backend") : h.create(p, "task " + i);
            ids.add(id);
            priority.put(id, p);
            if (be) {
                backend.add(id);
            }
        }
        Path cfg = h.config("dispatch.toml", "poll_interval_secs = 5\n" + h.agent("backend", 3, "label:area:backend")
                + h.agent("solo", 1, null) + h.agent("pair", 2, null));
        Dispatch d = h.launch("start", cfg, h.doneService());
        h.awaitAllDone(ids, Duration.ofSeconds(100), d);
        d.term();
        assertThat(d.waitFor(Duration.ofSeconds(20))).isZero();

        List<Mark> marks = h.marks();
        for (String id : ids) {
            assertThat(h.startsOf(id)).as("runs of %s", id).isEqualTo(1);
        }
        assertThat(maxOverlap(marks, "backend")).isEqualTo(3);
        assertThat(maxOverlap(marks, "solo")).isEqualTo(1);
        assertThat(maxOverlap(marks, "pair")).isBetween(1, 2);
        assertThat(h.starts().stream().filter(m -> m.agent().equals("backend")).map(Mark::issue))
                .isNotEmpty().allMatch(backend::contains);

        // Critical work starts before any normal or low work.
        long lastCritical = h.starts().stream().filter(m -> priority.get(m.issue()) == Priority.CRITICAL)
                .mapToLong(Mark::nanos).max().orElseThrow();
        long firstNormalOrLow = h.starts().stream().filter(m -> priority.get(m.issue()).ordinal() >= 2)
                .mapToLong(Mark::nanos).min().orElseThrow();
        assertThat(lastCritical).isLessThan(firstNormalOrLow);
        // And every claim took the most urgent work its agent accepts: nothing more urgent it could take was
        // claimed after it.
        List<Event> claims = h.events("issue_claimed");
        assertThat(claims).hasSize(40);
        for (int i = 0; i < claims.size(); i++) {
            String agent = claims.get(i).json().path("assignee").asText();
            Priority p = priority.get(claims.get(i).issueId());
            for (Event later : claims.subList(i + 1, claims.size())) {
                boolean accepts = !agent.equals("agent:backend") || backend.contains(later.issueId());
                assertThat(accepts && priority.get(later.issueId()).ordinal() < p.ordinal())
                        .as("%s claimed %s (%s) before more urgent %s (%s)", agent, claims.get(i).issueId(), p,
                                later.issueId(), priority.get(later.issueId()))
                        .isFalse();
            }
        }
        assertThat(h.events("agent_started")).hasSize(40);
        assertThat(h.events("agent_exited")).hasSize(40).allMatch(e -> e.json().path("exit_code").asInt() == 0);
        assertThat(d.output()).contains("dispatcher-started", " claim ", " started ", " exited ", "dispatcher-stopped")
                .doesNotContain("warning", "error");
    }

    @Test
    void failingAndLazyAgentsAreReleasedAsFailedAttemptsEachRunWithItsOwnLog() throws Exception {
        String fail = h.create(Priority.HIGH, "fail task");
        String lazy = h.create(Priority.NORMAL, "lazy task");
        String good = h.create(Priority.LOW, "good task");
        Path cfg = h.config("dispatch.toml", h.agent("a1", 3, null));
        Dispatch d = h.run("once", cfg, Duration.ofSeconds(60));
        assertThat(d.process.exitValue()).as(d.output()).isZero();
        assertThat(d.output()).contains("Assigned 3 issue(s)",
                "released issue=" + fail + " agent=a1 reason=\"agent exited with 3\"",
                "released issue=" + lazy + " agent=a1 reason=\"agent exited 0 but left the issue in_progress\"",
                "held-back issue=" + fail + " attempts=1/3 next_retry_at=");

        for (String id : List.of(fail, lazy)) {
            assertThat(h.issue(id).state()).isEqualTo(State.READY);
            assertThat(h.issue(id).assignee()).isNull();
        }
        Map<String, String> reasons = new HashMap<>();
        h.events("issue_released").forEach(e -> reasons.put(e.issueId(), e.json().path("reason").asText()));
        assertThat(reasons).containsOnly(Map.entry(fail, "agent exited with 3"),
                Map.entry(lazy, "agent exited 0 but left the issue in_progress"));
        assertThat(h.events("agent_exited")).filteredOn(e -> e.issueId().equals(fail)).singleElement()
                .satisfies(e -> assertThat(e.json().path("exit_code").asInt()).isEqualTo(3));
        assertThat(h.store.agents().dispatchRecords()).containsOnlyKeys(fail, lazy).allSatisfy((id, r) -> {
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.lastFailure()).isEqualTo(reasons.get(id));
            assertThat(r.nextRetryAt()).isAfter(java.time.Instant.now());
        });
        assertThat(h.issue(good).state()).isEqualTo(State.DONE);

        Path goodLog = onlyLog(good);
        assertThat(goodLog.getFileName().toString()).startsWith("attempt-1.");
        List<String> lines = Files.readAllLines(goodLog);
        assertThat(lines.get(0)).isEqualTo("==> jit-dispatch run of issue " + good + " by agent a1, attempt 1");
        assertThat(lines.get(1)).isEqualTo("==> command: " + h.agentScript() + " " + good + " low good task");
        assertThat(lines.get(2)).startsWith("==> started: 20");
        assertThat(lines).contains("agent a1 working on " + good + ": good task (low)");
        assertThat(lines.get(lines.size() - 1)).matches("==> ended 20\\S+ after \\d+\\.\\d s: exit code 0");
        assertThat(Files.readAllLines(onlyLog(fail))).last().asString().endsWith(": exit code 3");
        assertThat(h.events("agent_started")).filteredOn(e -> e.issueId().equals(good)).singleElement()
                .satisfies(e -> assertThat(e.json().path("log").asText()).isEqualTo(goodLog.toString()));
        assertThat(h.dataDir.resolve("dispatch/running")).isEmptyDirectory();
    }

    private Path onlyLog(String issue) throws Exception {
        List<Path> logs = h.runLogs(issue);
        assertThat(logs).as("run logs of %s", issue).hasSize(1);
        return logs.get(0);
    }

    @Test
    void anAgentThatPrintsWhileStuckIsStoppedAtItsMaxRuntimeWithItsWholeProcessGroup() throws Exception {
        String chatty = h.create(Priority.NORMAL, "chatty task");
        // 0.05 minutes = 3 s; it prints every 0.2 s, so the stall timeout (also 3 s) never fires
        Path cfg = h.config("dispatch.toml", "stall_timeout_minutes = 0.05\n" + h.agent("a1", 1, null)
                + "max_runtime_minutes = 0.05\n");
        Dispatch d = h.run("once", cfg, Duration.ofSeconds(40));
        assertThat(d.process.exitValue()).as(d.output()).isZero();
        assertThat(d.output()).contains("over-runtime issue=" + chatty,
                "released issue=" + chatty + " agent=a1 reason=\"max runtime exceeded (3.0 s)\"")
                .doesNotContain("stalled issue=");
        assertThat(h.issue(chatty).state()).isEqualTo(State.READY);
        assertThat(h.events("agent_exited")).singleElement().satisfies(e -> {
            assertThat(e.json().path("exit_code").asInt()).isEqualTo(128 + 15);
            assertThat(e.json().path("stopped").asText()).isEqualTo("max runtime exceeded (3.0 s)");
        });
        assertThat(h.store.agents().dispatchRecords().get(chatty).attempts()).isEqualTo(1);
        assertThat(Files.readAllLines(onlyLog(chatty))).contains("still busy").last().asString()
                .endsWith("killed by signal 15 (exit code 143), stopped by the dispatcher: max runtime exceeded (3.0 s)");
        // The process it left outside its tree was in its process group, and was stopped with it.
        long escaped = Long.parseLong(Files.readString(Path.of(h.times + ".escaped")).strip());
        Harness.await(() -> Harness.hasEnded(escaped), Duration.ofSeconds(10),
                () -> "the escaped process " + escaped + " to end");
    }

    @Test
    void worktreeWorkspacesGiveEachRunItsOwnCheckoutOnTheIssuesBranch() throws Exception {
        h.git("init", "-q", "-b", "main");
        Files.writeString(h.repo.resolve("README"), "base\n");
        h.git("add", "README");
        h.git("commit", "-qm", "base");
        Path agent = h.script("worktree-agent.sh", """
                #!/bin/bash
                set -eu
                echo "cwd=$(pwd) workspace=$JIT_WORKSPACE branch=$(git branch --show-current)"
                echo "work of $JIT_ISSUE_ID" > work.txt
                git add work.txt
                git -c user.name=agent -c user.email=agent@example.com commit -qm "work of $JIT_ISSUE_ID"
                """ + Harness.doneCommand() + "\n");
        String removed = h.create(Priority.HIGH, "removed after the run");
        String kept = h.create(Priority.NORMAL, "kept after the run", "area:keep");
        Path cfg = h.config("dispatch.toml", """
                [[agents]]
                id = "keeper"
                max_concurrent = 1
                command = "%s"
                filter = "label:area:keep"
                workspace = "worktree"
                keep_worktree = true
                [[agents]]
                id = "tidy"
                max_concurrent = 1
                command = "%s"
                workspace = "worktree"
                """.formatted(agent, agent));
        Dispatch d = h.run("once", cfg, Duration.ofSeconds(60));
        assertThat(d.process.exitValue()).as(d.output()).isZero();
        for (String id : List.of(removed, kept)) {
            Path worktree = h.dataDir.toRealPath().resolve("dispatch/worktrees/" + id);
            assertThat(h.issue(id).state()).as(d.output()).isEqualTo(State.DONE);
            assertThat(Files.readString(onlyLog(id))).contains("cwd=" + worktree + " workspace=" + worktree
                    + " branch=jit/" + id + "\n");
            assertThat(h.git("log", "--format=%s", "jit/" + id)).startsWith("work of " + id + "\nbase");
            assertThat(d.output()).contains("workspace=" + worktree);
        }
        assertThat(h.dataDir.resolve("dispatch/worktrees/" + removed)).doesNotExist();
        assertThat(h.dataDir.resolve("dispatch/worktrees/" + kept + "/work.txt")).hasContent("work of " + kept);
        assertThat(h.git("worktree", "list")).doesNotContain(removed).contains(kept);
        assertThat(h.repo.resolve("work.txt")).as("the repository's own checkout is untouched").doesNotExist();
        assertThat(h.git("status", "--porcelain")).doesNotContain("work.txt");
    }

    @Test
    void anAgentWhoseProgramGoesMissingGetsNoWorkUntilItIsBack() throws Exception {
        Path cfg = h.config("dispatch.toml", h.agent("a1", 1, null));
        Path script = h.agentScript();
        Dispatch d = h.launch("start", cfg, Map.of());
        d.awaitOutput("dispatcher-started", Duration.ofSeconds(30));
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        String id = h.create(Priority.HIGH, "waits for its agent");
        d.awaitOutput("skip-agent agent=a1 reason=\"program \\\"" + script + "\\\" is not executable", Duration.ofSeconds(30));
        Thread.sleep(1000); // several 200 ms ticks
        assertThat(h.issue(id).state()).isEqualTo(State.READY);
        assertThat(h.events("issue_claimed")).isEmpty();
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        h.create(Priority.LOW, "a write, which wakes the dispatcher at once");
        d.awaitOutput("agent-runnable agent=a1", Duration.ofSeconds(30));
        d.awaitOutput("started issue=" + id, Duration.ofSeconds(30));
        d.term();
        assertThat(d.waitFor(Duration.ofSeconds(60))).as(d.output()).isZero();
        assertThat(h.events("issue_claimed")).extracting(Event::issueId).contains(id);
    }

    @Test
    void stalledAgentsAreStoppedAndTheirIssuesReleased() {
        String hang = h.create(Priority.NORMAL, "hang task");
        String stubborn = h.create(Priority.NORMAL, "stubborn task");
        // 0.05 minutes = 3 s without output
        Path cfg = h.config("dispatch.toml", "stall_timeout_minutes = 0.05\n" + h.agent("a1", 2, null));
        Dispatch d = h.run("once", cfg, Duration.ofSeconds(40));
        assertThat(d.process.exitValue()).as(d.output()).isZero();
        assertThat(d.output()).contains("stalled issue=" + hang, "stalled issue=" + stubborn);

        for (String id : List.of(hang, stubborn)) {
            assertThat(h.issue(id).state()).isEqualTo(State.READY);
            assertThat(h.issue(id).assignee()).isNull();
        }
        assertThat(h.events("issue_released")).hasSize(2).allMatch(e -> e.json().path("reason").asText().equals("stalled"));
        assertThat(h.events("agent_stalled")).hasSize(2);
        Map<String, Integer> codes = new HashMap<>();
        h.events("agent_exited").forEach(e -> codes.put(e.issueId(), e.json().path("exit_code").asInt()));
        assertThat(codes).containsEntry(hang, 128 + 15).containsEntry(stubborn, 128 + 9);
        h.starts().forEach(m -> Harness.assertNotAlive(m.pid()));
    }

    @Test
    void sigtermWaitsForTheGracePeriodThenStopsAgentsReleasesAndExitsZero() {
        String hang = h.create(Priority.HIGH, "hang task");
        String good = h.create(Priority.NORMAL, "good task");
        Path cfg = h.config("dispatch.toml", "shutdown_grace_secs = 8\n" + h.agent("a1", 2, null));
        // The good agent works 5 s: still running when SIGTERM comes, done well within the grace period.
        Dispatch d = h.launch("start", cfg, Map.of("AGENT_SLEEP", "5"));
        Harness.await(() -> h.starts().size() == 2, Duration.ofSeconds(20), d::output);
        Dispatch status = h.run("status", cfg, Duration.ofSeconds(30));
        assertThat(status.process.exitValue()).isZero();
        Mark hanging = h.starts().stream().filter(m -> m.issue().equals(hang)).findFirst().orElseThrow();
        assertThat(status.output().lines().filter(l -> l.contains(hang))).singleElement().asString()
                .contains(" a1 ", " " + hanging.pid() + " ", "running");
        d.term();
        assertThat(d.waitFor(Duration.ofSeconds(30))).as(d.output()).isZero();

        assertThat(h.issue(good).state()).as("finished within the grace period").isEqualTo(State.DONE);
        assertThat(h.issue(hang).state()).isEqualTo(State.READY);
        assertThat(h.issue(hang).assignee()).isNull();
        assertThat(h.events("issue_released")).singleElement()
                .satisfies(e -> assertThat(e.json().path("reason").asText()).isEqualTo("dispatcher shutdown"));
        assertThat(d.output()).contains("shutdown running=2 grace_secs=8", "stopping issue=" + hang,
                "dispatcher-stopped");
        h.starts().forEach(m -> Harness.assertNotAlive(m.pid()));
        assertThat(h.dataDir.resolve("dispatch/running")).isEmptyDirectory();
    }
}
