package dev.jit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.events.Event;
import dev.jit.core.internal.store.Store;
import dev.jit.core.json.Json;
import dev.jit.core.model.GateChecker;
import dev.jit.core.model.GateRun;
import dev.jit.core.model.GateStage;
import dev.jit.core.model.GateStatus;
import dev.jit.core.model.Issue;
import dev.jit.core.model.JitOptions;
import dev.jit.core.model.State;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Gate checkers with real child processes in a real repository directory (the store's parent): the verdicts,
 * the run records, the rules of done/claim, the human override, and that no lock is held while a checker runs.
 */
class GateCheckerTest extends ServiceTestBase {
    private static final List<String> RECORD_FIELDS = List.of("schema_version", "run_id", "gate_key", "stage",
            "issue_id", "commit", "branch", "status", "started_at", "completed_at", "duration_ms", "exit_code",
            "stdout", "stderr", "command", "by", "message");

    private Path repo() {
        return store.paths().dataDir().getParent();
    }

    private void defineShell(String key, String command, long timeout, String workingDir, Map<String, String> env,
                             GateStage stage) {
        gates.define(new Gates.Definition(key, key, "", false, null, stage,
                GateChecker.shell(command, timeout, workingDir, env)));
    }

    private void defineShell(String key, String command) {
        defineShell(key, command, 30, null, Map.of(), null);
    }

    private Issue issueWith(String title, String... gateKeys) {
        return create(new Issues.NewIssue(title, null, null, List.of(gateKeys), null, null));
    }

    private Gates.Check check(Issue issue, String... keys) {
        return gates.check(issue.id(), List.of(keys), Gates.Progress.NONE);
    }

    private List<Event> gateEvents(long mark) {
        List<Event> out = new ArrayList<>();
        store.events().readFrom(mark, e -> {
            if (e.type().startsWith("gate_")) {
                out.add(e);
            }
        });
        return out;
    }

    @Test
    void passingAndFailingCheckersDecideTheGateAndRecordARun() throws Exception {
        defineShell("ok", "echo out; echo err >&2");
        defineShell("bad", "echo broken >&2; exit 3");
        Issue a = issueWith("A", "ok", "bad");
        long m = mark();
        List<String> progress = new ArrayList<>();
        Gates.Check check = gates.check(a.id(), List.of(), new Gates.Progress() {
            @Override
            public void starting(String gateKey, int index, int count) {
                progress.add("start " + gateKey + " " + index + "/" + count);
            }

            @Override
            public void finished(GateRun run, int index, int count) {
                progress.add(run.status() + " " + run.gateKey());
            }
        });
        assertThat(progress).containsExactly("start ok 1/2", "passed ok", "start bad 2/2", "failed bad");
        assertThat(check.passed()).isFalse();
        GateRun ok = check.runs().get(0);
        GateRun bad = check.runs().get(1);
        assertThat(ok.status()).isEqualTo("passed");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.stdout()).isEqualTo("out\n");
        assertThat(ok.stderr()).isEqualTo("err\n");
        assertThat(ok.by()).isEqualTo(ACTOR);
        assertThat(ok.command()).isEqualTo("echo out; echo err >&2");
        assertThat(ok.stage()).isEqualTo("postcheck");
        assertThat(bad.status()).isEqualTo("failed");
        assertThat(bad.exitCode()).isEqualTo(3);
        assertThat(bad.stderr()).isEqualTo("broken\n");

        Issue now = reload(a);
        assertThat(now.gatesStatus().get("ok").status()).isEqualTo(GateStatus.PASSED);
        assertThat(now.gatesStatus().get("ok").updatedBy()).isEqualTo(Gates.CHECKER_ACTOR);
        assertThat(now.gatesStatus().get("ok").updatedAt()).isEqualTo(ok.startedAt());
        assertThat(now.gatesStatus().get("bad").status()).isEqualTo(GateStatus.FAILED);
        List<Event> events = gateEvents(m);
        assertThat(events).extracting(Event::type).containsExactly("gate_passed", "gate_failed");
        assertThat(events.get(0).json().path("updated_by").asText()).isEqualTo(Gates.CHECKER_ACTOR);
        assertThat(events.get(0).json().path("run_id").asText()).isEqualTo(ok.runId());
        assertThat(events.get(1).json().path("run_id").asText()).isEqualTo(bad.runId());
        assertThat(events.get(0).json().path("actor").asText()).isEqualTo(ACTOR);
        assertThat(Gates.failureOf(check).getMessage()).startsWith("Gate 'bad' failed (exit 3 in ").endsWith("\nbroken");
        assertThat(Gates.failureOf(check(a, "ok"))).isNull();
    }

    @Test
    void theRunRecordHasExactlyTheReferenceFieldsAndIsWrittenThroughTheJournal() throws Exception {
        defineShell("ok", "printf 'caf\\303\\251'");
        Issue a = issueWith("A", "ok");
        GateRun run = check(a).runs().get(0);
        Path record = store.paths().dataDir().resolve("gate-runs").resolve(run.runId()).resolve("result.json");
        JsonNode json = Json.parse(Files.readAllBytes(record));
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyElementsOf(RECORD_FIELDS);
        assertThat(json.path("stdout").asText()).isEqualTo("café");
        assertThat(json.path("issue_id").asText()).isEqualTo(a.id());
        assertThat(json.path("commit").isNull()).isTrue(); // not a git repository
        assertThat(json.path("message").isNull()).isTrue();
        assertThat(json.path("duration_ms").isIntegralNumber()).isTrue();
        try (Stream<Path> runDir = Files.list(record.getParent()); Stream<Path> tmp = Files.list(store.paths().tmpDir())) {
            assertThat(runDir).containsExactly(record); // no temp file beside it
            assertThat(tmp).isEmpty();
        }
        assertThat(store.paths().journal()).doesNotExist();
        assertThat(gates.runs(a.id(), null, 0)).containsExactly(run);
    }

    @Test
    void aTimeoutKillsTheWholeProcessGroupAndIsAnError() throws Exception {
        // The background sleep is orphaned at once (its subshell exits): only the process group still finds it.
        defineShell("slow", "(sleep 300 & echo $! > bg.pid); echo $$ > sh.pid; echo started; sleep 300", 1, null,
                Map.of(), null);
        Issue a = issueWith("A", "slow");
        GateRun run = check(a).runs().get(0);
        assertThat(run.status()).isEqualTo("error");
        assertThat(run.exitCode()).isNull();
        assertThat(run.message()).contains("timed out after 1 s");
        assertThat(run.stdout()).isEqualTo("started\n");
        for (String pidFile : List.of("bg.pid", "sh.pid")) {
            long pid = Long.parseLong(Files.readString(repo().resolve(pidFile)).strip());
            awaitDead(pid);
        }
        assertThat(reload(a).gatesStatus().get("slow").status()).isEqualTo(GateStatus.FAILED);
    }

    private static void awaitDead(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertThat(System.nanoTime()).as("process %d still alive", pid).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void exit126And127AndAProgramThatCannotStartAreErrors() throws Exception {
        Path script = Files.writeString(repo().resolve("not-executable.sh"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        defineShell("n126", "./not-executable.sh");
        defineShell("n127", "no-such-program-anywhere");
        gates.define(new Gates.Definition("nostart", "nostart", "", false, null, null,
                GateChecker.exec(List.of("/no/such/program"), 30, null, Map.of())));
        Issue a = issueWith("A", "n126", "n127", "nostart");
        List<GateRun> runs = check(a).runs();
        assertThat(runs).extracting(GateRun::status).containsExactly("error", "error", "error");
        // A vector's missing program: 127 like the shell's (setsid reports it; without setsid, jit cannot start it).
        assertThat(runs).extracting(GateRun::exitCode).containsExactly(126, 127, 127);
        assertThat(runs).extracting(GateRun::message).containsExactly("exit 126: the command is not executable",
                "exit 127: command not found", "exit 127: command not found");
    }

    @Test
    void checkersGetTheirEnvironmentAndWorkingDirectory() throws Exception {
        Files.createDirectories(repo().resolve("sub/dir"));
        defineShell("env", "echo \"$PWD|$JIT_ISSUE_ID|$JIT_GATE_KEY|$JIT_STAGE|$FOO\"", 30, "sub/dir",
                Map.of("FOO", "bar baz"), GateStage.PRECHECK);
        Issue a = issueWith("A", "env");
        GateRun run = check(a).runs().get(0);
        assertThat(run.stdout()).isEqualTo(repo().toRealPath().resolve("sub/dir") + "|" + a.id() + "|env|precheck|bar baz\n");
        assertThat(run.stage()).isEqualTo("precheck");
    }

    @Test
    void anArgumentVectorRunsWithoutAShellAndAShellStringWithOne() throws Exception {
        gates.define(new Gates.Definition("argv", "argv", "", false, null, null,
                GateChecker.exec(List.of("printf", "%s|", "a b", "$FOO", "it's"), 30, null, Map.of("FOO", "x"))));
        defineShell("shell", "printf '%s|' \"a b\" \"$FOO\"", 30, null, Map.of("FOO", "x"), null);
        Issue a = issueWith("A", "argv", "shell");
        List<GateRun> runs = check(a).runs();
        assertThat(runs.get(0).stdout()).isEqualTo("a b|$FOO|it's|");
        assertThat(runs.get(0).command()).isEqualTo("printf '%s|' 'a b' '$FOO' 'it'\\''s'");
        assertThat(runs.get(1).stdout()).isEqualTo("a b|x|");
        // The stored command of the vector is its shell rendering: the reference tool runs the same program.
        JsonNode checker = Json.parse(Files.readAllBytes(store.paths().gates())).at("/gates/argv/checker");
        assertThat(checker.path("command").asText()).isEqualTo(runs.get(0).command());
        Process sh = new ProcessBuilder("sh", "-c", checker.path("command").asText()).start();
        assertThat(new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a b|$FOO|it's|");
    }

    @Test
    void aWorkingDirectoryOutsideTheRepositoryIsRefused() throws Exception {
        for (String bad : List.of("../x", "a/../../x", "/tmp", "")) {
            assertFailsUnchanged(ErrorCode.INVALID_ARGUMENT, () -> defineShell("w", "true", 30, bad, Map.of(), null),
                    "--working-dir");
        }
        Path outside = Files.createDirectories(tmp.getParent().resolve(tmp.getFileName() + "-outside"));
        Files.createSymbolicLink(repo().resolve("escape"), outside);
        defineShell("w", "touch marker", 30, "escape", Map.of(), null);
        Issue a = issueWith("A", "w");
        GateRun run = check(a).runs().get(0);
        assertThat(run.status()).isEqualTo("error");
        assertThat(run.message()).contains("leads out of the repository");
        assertThat(outside.resolve("marker")).doesNotExist();
    }

    @Test
    void outputIsKeptAsA64KibTail() throws Exception {
        defineShell("loud", "i=0; while [ $i -lt 20000 ]; do echo line-$i; i=$((i+1)); done");
        Issue a = issueWith("A", "loud");
        GateRun run = check(a).runs().get(0);
        assertThat(run.stdout()).startsWith("[jit: the first ").endsWith("line-19999\n");
        assertThat(run.stdout().getBytes(StandardCharsets.UTF_8).length).isLessThan(64 * 1024 + 100);
    }

    @Test
    void anAgentCannotPassACheckerGateAndAHumanOverridesWithAReason() throws Exception {
        defineShell("tests", "exit 1");
        gates.define("review", "Review", null, false, null);
        Issue a = issueWith("A", "tests", "review");
        assertFailsUnchanged(ErrorCode.CHECKER_REQUIRED,
                () -> gates.record(a.id(), "tests", GateStatus.PASSED, "agent:worker-1", "trust me"),
                "agent:worker-1", "jit gate check");
        assertFailsUnchanged(ErrorCode.CHECKER_REQUIRED,
                () -> gates.record(a.id(), "tests", GateStatus.PASSED, "human:alice", null), "--reason");
        // Without --by the actor counts: this store's actor is a human, an agent's store is refused.
        Store agentStore = Store.open(store.paths().dataDir(), new JitOptions(Duration.ofSeconds(5), "agent:w2",
                warnings::add));
        assertThatThrownBy(() -> TestStores.jit(agentStore).gates().record(a.id(), "tests", GateStatus.PASSED, null,
                "x")).isInstanceOfSatisfying(JitException.class, e -> assertThat(e.code())
                .isEqualTo(ErrorCode.CHECKER_REQUIRED));
        gates.record(a.id(), "review", GateStatus.PASSED, "agent:worker-1"); // no checker: attestation is fine
        long m = mark();
        gates.record(a.id(), "tests", GateStatus.PASSED, "human:alice", "CI box is down, ran it locally");
        JsonNode event = gateEvents(m).get(0).json();
        assertThat(event.path("type").asText()).isEqualTo("gate_passed");
        assertThat(event.path("updated_by").asText()).isEqualTo("human:alice");
        assertThat(event.path("reason").asText()).isEqualTo("CI box is down, ran it locally");
        assertThat(event.has("run_id")).isFalse();
        assertThat(reload(a).gatesStatus().get("tests").status()).isEqualTo(GateStatus.PASSED);
    }

    @Test
    void doneRunsPostchecksAndAFailingOneLeavesTheIssueGatedWithItsTail() throws Exception {
        defineShell("tests", "test -f fixed || { echo compiling; echo 'FAILED: 2 tests' >&2; exit 1; }");
        defineShell("early", "exit 1", 30, null, Map.of(), GateStage.PRECHECK); // not run on done
        Issue a = issueWith("A", "tests", "early");
        gates.record(a.id(), "early", GateStatus.PASSED, "human:alice", "not relevant");
        assertThatThrownBy(() -> setState(a, State.DONE)).isInstanceOfSatisfying(JitException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.GATE_FAILED);
            assertThat(e.code().exitCode()).isEqualTo(4);
            assertThat(e.getMessage()).startsWith("Gate 'tests' failed (exit 1 in ").contains("is gated")
                    .endsWith("\nFAILED: 2 tests");
            assertThat(e.details()).containsEntry("gate_key", "tests").containsKey("run_id");
        });
        assertThat(state(a)).isEqualTo(State.GATED);
        assertThat(gates.runs(a.id(), null, 0)).extracting(GateRun::gateKey).containsExactly("tests");

        // Fixed: done runs it again, it passes, the issue is done.
        Files.writeString(repo().resolve("fixed"), "");
        setState(a, State.DONE);
        assertThat(state(a)).isEqualTo(State.DONE);
        assertThat(gates.runs(a.id(), "tests", 0)).extracting(GateRun::status).containsExactly("passed", "failed");
    }

    @Test
    void noCheckDefersPostchecksToGateCheck() throws Exception {
        defineShell("tests", "true");
        Issue a = issueWith("A", "tests");
        issues.update(List.of(a.id()), toState(State.DONE), Gates.Checks.DEFERRED);
        assertThat(state(a)).isEqualTo(State.GATED);
        assertThat(gates.runs(a.id(), null, 0)).isEmpty();
        Gates.Check check = check(a);
        assertThat(check.passed()).isTrue();
        assertThat(check.stateChanges()).extracting(c -> c.from() + "->" + c.to()).containsExactly("gated->done");
        assertThat(state(a)).isEqualTo(State.DONE);
    }

    @Test
    void aFailingPrecheckRefusesTheClaimAndAPassingOneLetsItThrough() throws Exception {
        Path flag = repo().resolve("ready.flag");
        defineShell("setup", "test -f ready.flag || { echo 'run make setup first' >&2; exit 1; }", 30, null,
                Map.of(), GateStage.PRECHECK);
        Issue a = issueWith("A", "setup");
        assertThatThrownBy(() -> issues.claim(a.id(), "agent:w1")).isInstanceOfSatisfying(JitException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.GATE_FAILED);
            assertThat(e.getMessage()).contains("cannot start").endsWith("\nrun make setup first");
        });
        Issue refused = reload(a);
        assertThat(refused.assignee()).isNull();
        assertThat(refused.state()).isEqualTo(State.READY);
        assertThat(refused.gatesStatus().get("setup").status()).isEqualTo(GateStatus.FAILED);
        Files.writeString(flag, "");
        issues.claim(a.id(), "agent:w1");
        assertThat(reload(a).state()).isEqualTo(State.IN_PROGRESS);
        assertThat(reload(a).gatesStatus().get("setup").status()).isEqualTo(GateStatus.PASSED);
    }

    @Test
    void claimNextRunsPrechecksAndPassesOverAnIssueWhoseOneFails() throws Exception {
        defineShell("setup", "test -f ready.flag || { echo 'run make setup first' >&2; exit 1; }", 30, null,
                Map.of(), GateStage.PRECHECK);
        defineShell("quick", "true", 30, null, Map.of(), GateStage.PRECHECK);
        Issue blockedByPrecheck = create(new Issues.NewIssue("first", null, dev.jit.core.model.Priority.CRITICAL,
                List.of("setup"), null, null));
        Issue fine = create(new Issues.NewIssue("second", null, dev.jit.core.model.Priority.HIGH, List.of("quick"),
                null, null));
        Issue taken = issues.claimNext("agent:w1", dev.jit.core.query.IssueFilter.ALL).issue();
        assertThat(taken.id()).isEqualTo(fine.id());
        assertThat(taken.gatesStatus().get("quick").status()).isEqualTo(GateStatus.PASSED);
        assertThat(reload(blockedByPrecheck).gatesStatus().get("setup").status()).isEqualTo(GateStatus.FAILED);
        assertThat(reload(blockedByPrecheck).assignee()).isNull();
        // Nothing else is ready: the refusal says why.
        assertThatThrownBy(() -> issues.claimNext("agent:w2", dev.jit.core.query.IssueFilter.ALL))
                .isInstanceOfSatisfying(JitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.GATE_FAILED);
                    assertThat(e.getMessage()).endsWith("\nrun make setup first");
                });
        Files.writeString(repo().resolve("ready.flag"), "");
        assertThat(issues.claimNext("agent:w2", dev.jit.core.query.IssueFilter.ALL).issue().id())
                .isEqualTo(blockedByPrecheck.id());
    }

    @Test
    void theStoreLockIsNotHeldWhileACheckerRuns() throws Exception {
        defineShell("wait", "touch started; while [ ! -f release ]; do sleep 0.05; done; echo released", 60, null,
                Map.of(), null);
        Issue a = issueWith("A", "wait");
        CompletableFuture<Gates.Check> running = CompletableFuture.supplyAsync(() -> check(a));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(repo().resolve("started"))) {
            assertThat(System.nanoTime()).as("checker did not start").isLessThan(deadline);
            assertThat(running).isNotDone();
            Thread.sleep(10);
        }
        // A second process-like client that will not wait for the lock at all.
        Jit impatient = Jit.open(store.paths().dataDir(), new JitOptions(Duration.ZERO, "agent:other", w -> { }));
        Issue b = impatient.issues().create(new Issues.NewIssue("B", null, null, null, null, null));
        assertThat(impatient.queries().list(dev.jit.core.query.IssueFilter.ALL)).extracting(v -> v.issue().id())
                .contains(a.id(), b.id());
        impatient.issues().update(b.id(), toState(State.IN_PROGRESS));
        assertThat(running).isNotDone();
        Files.writeString(repo().resolve("release"), "");
        Gates.Check check = running.get();
        assertThat(check.runs().get(0).stdout()).isEqualTo("released\n");
        assertThat(reload(a).gatesStatus().get("wait").status()).isEqualTo(GateStatus.PASSED);
    }

    @Test
    void aResultIsNotAppliedToAnIssueThatNoLongerRequiresTheGate() throws Exception {
        defineShell("wait", "touch started; while [ ! -f release ]; do sleep 0.05; done", 60, null, Map.of(), null);
        Issue a = issueWith("A", "wait");
        CompletableFuture<Gates.Check> running = CompletableFuture.supplyAsync(() -> check(a));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(repo().resolve("started"))) {
            assertThat(System.nanoTime()).as("checker did not start").isLessThan(deadline);
            Thread.sleep(10);
        }
        issues.reject(a.id(), "not needed");
        Files.writeString(repo().resolve("release"), "");
        running.get();
        Issue now = reload(a);
        assertThat(now.state()).isEqualTo(State.REJECTED);
        assertThat(now.gatesStatus()).doesNotContainKey("wait");
        assertThat(gates.runs(a.id(), null, 0)).hasSize(1); // the run happened and is recorded
    }

    @Test
    void checkRefusesGatesItCannotRunBeforeRunningAny() throws Exception {
        defineShell("tests", "touch ran");
        gates.define("review", "Review", null, false, null);
        Issue a = issueWith("A", "tests", "review");
        assertFailsUnchanged(ErrorCode.GATE_ERROR, () -> check(a, "tests", "review"), "'review' has no checker");
        assertFailsUnchanged(ErrorCode.GATE_NOT_FOUND, () -> check(a, "tests", "nope"), "'nope'");
        assertThat(repo().resolve("ran")).doesNotExist();
    }
}
