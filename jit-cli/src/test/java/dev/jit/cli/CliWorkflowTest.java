package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README walkthrough and the lifecycle rules, driven through the CLI in-process. */
class CliWorkflowTest {
    @TempDir
    Path dir;
    CliRunner jit;

    @BeforeEach
    void init() {
        jit = new CliRunner(dir);
        assertThat(jit.ok("init")).contains("Initialized jit repository");
    }

    @Test
    void walkthroughFromCreateToDoneThroughGates() {
        String epic = jit.ok("issue", "create", "--title", "Epic: login", "--priority", "high", "--label", "epic:auth");
        String form = jit.ok("issue", "create", "-t", "Login form", "-d", "Email + password", "--label", "epic:auth");
        assertThat(epic).matches("[0-9a-f-]{36}");
        assertThat(jit.ok("dep", "add", epic, form)).contains("depends on").contains("ready -> backlog");
        jit.ok("registry", "add", "tests", "--title", "Tests pass");
        jit.ok("gate", "add", form, "tests");

        assertThat(jit.ok("query", "ready").lines()).containsExactly(form);
        // The reference tool's newer name for the same command.
        assertThat(jit.ok("query", "available").lines()).containsExactly(form);
        assertThat(jit.ok("issue", "claim-next", "agent:w1")).isEqualTo(form);
        assertThat(jit.run("issue", "claim", form, "agent:w2").exit()).isEqualTo(1);

        assertThat(jit.ok("issue", "update", form.substring(0, 6), "--state", "done")).contains("in_progress -> gated");
        String passed = jit.ok("gate", "pass", form, "tests", "--by", "ci:test");
        assertThat(passed).contains("gated -> done").contains(epic.substring(0, 8) + " backlog -> ready");
        assertThat(jit.ok("query", "ready")).isEqualTo(epic);

        JsonNode status = jit.run("status", "--json").data();
        assertThat(status.get("done").asInt()).isEqualTo(1);
        assertThat(status.get("ready").asInt()).isEqualTo(1);
        assertThat(status.get("total").asInt()).isEqualTo(2);
    }

    @Test
    void pipeOutputIsOneIdPerLineAndTerminalOutputIsATable() {
        String a = jit.ok("issue", "create", "-t", "A");
        String b = jit.ok("issue", "create", "-t", "B");
        assertThat(jit.ok("issue", "list").lines()).containsExactly(a, b);
        String table = new CliRunner(dir).terminal(true).ok("issue", "list");
        assertThat(table.lines().findFirst().orElseThrow()).matches("ID\\s+STATE\\s+PRIORITY\\s+ASSIGNEE\\s+TITLE");
        assertThat(table).contains(a.substring(0, 8)).doesNotContain(a).contains("2 issue(s)");
        assertThat(new CliRunner(dir).terminal(true).ok("issue", "create", "-t", "C")).startsWith("Created issue: ");
    }

    @Test
    void archivedIssuesPipeIntoDeleteAsInTheDeploymentGuide() {
        String a = jit.ok("issue", "create", "-t", "old");
        String keep = jit.ok("issue", "create", "-t", "keep");
        jit.ok("issue", "update", a, "--state", "archived");
        String archived = jit.ok("issue", "list", "--state", "archived");
        assertThat(archived).isEqualTo(a);
        jit.stdin(archived + "\n").ok("issue", "delete", "-");
        assertThat(jit.ok("issue", "list")).isEqualTo(keep);
        // xargs runs the command once with no arguments when nothing is archived: that must not fail
        assertThat(jit.run("issue", "delete").exit()).isZero();
    }

    @Test
    void updateStateReadyReallyMovesAndBlockedTransitionsFail() {
        String a = jit.ok("issue", "create", "-t", "A");
        String b = jit.ok("issue", "create", "-t", "B");
        jit.ok("issue", "claim", a, "agent:x");
        jit.ok("issue", "update", a, "--state", "ready");
        assertThat(jit.run("issue", "show", a, "--json").data().get("state").asText()).isEqualTo("ready");

        jit.ok("dep", "add", a, b);
        CliRunner.Result r = jit.run("issue", "update", a, "--state", "in_progress");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("blocked by unfinished dependencies").contains(b);
        CliRunner.Result json = jit.run("issue", "update", a, "--state", "done", "--json");
        assertThat(json.exit()).isEqualTo(1);
        assertThat(json.json().at("/error/code").asText()).isEqualTo("TRANSITION_BLOCKED");
    }

    @Test
    void labelsContextAndFiltersRoundTrip() {
        String a = jit.ok("issue", "create", "-t", "A", "-p", "critical", "--label", "epic:auth,type:task",
                "--context", "branch=feat/a");
        jit.ok("issue", "create", "-t", "B", "-p", "low", "--label", "epic:web");
        jit.ok("issue", "update", a, "--label", "team:core", "--remove-label", "type:task", "--unset-context",
                "branch", "--context", "pr=42");
        JsonNode shown = jit.run("issue", "show", a, "--json").data();
        assertThat(shown.get("labels").toString()).isEqualTo("[\"epic:auth\",\"team:core\"]");
        assertThat(shown.get("context").toString()).isEqualTo("{\"pr\":\"42\"}");
        assertThat(jit.ok("issue", "list", "--label", "epic:*", "--priority", "critical")).isEqualTo(a);
        assertThat(jit.ok("query", "ready", "--filter", "label:team:core")).isEqualTo(a);
        assertThat(jit.ok("issue", "claim-next", "agent:z", "--filter", "priority:high|critical")).isEqualTo(a);
        assertThat(jit.run("issue", "create", "-t", "bad", "--label", "nolabel").exit()).isEqualTo(2);
    }

    @Test
    void claimNextTakesTheMostUrgentThenOldestAndNeverClosedWork() {
        String low = jit.ok("issue", "create", "-t", "low", "-p", "low");
        String high1 = jit.ok("issue", "create", "-t", "high1", "-p", "high");
        String high2 = jit.ok("issue", "create", "-t", "high2", "-p", "high");
        String done = jit.ok("issue", "create", "-t", "done", "-p", "critical");
        jit.ok("issue", "update", done, "--state", "done");
        assertThat(jit.ok("issue", "claim-next", "agent:a")).isEqualTo(high1);
        assertThat(jit.ok("issue", "claim-next", "agent:a")).isEqualTo(high2);
        assertThat(jit.ok("issue", "claim-next", "agent:a")).isEqualTo(low);
        CliRunner.Result none = jit.run("issue", "claim-next", "agent:a");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("No ready issues available");
    }

    @Test
    void releaseReturnsToReadyOrBacklogAndRecordsTheReason() {
        String a = jit.ok("issue", "create", "-t", "A");
        jit.ok("issue", "claim", a, "agent:x");
        assertThat(jit.ok("issue", "release", a, "timeout")).contains("in_progress -> ready");
        String events = jit.ok("events", "query", "--event-type", "issue_released");
        assertThat(events).contains("\"reason\":\"timeout\"").contains("\"assignee\":\"agent:x\"");
    }

    @Test
    void deleteRefusesDependentsUnlessForcedAndThenReadiesThem() {
        String a = jit.ok("issue", "create", "-t", "A");
        String b = jit.ok("issue", "create", "-t", "B");
        jit.ok("dep", "add", a, b);
        CliRunner.Result refused = jit.run("issue", "delete", b);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("depend on it").contains(a);
        assertThat(jit.ok("issue", "list").lines()).hasSize(2);
        jit.ok("issue", "delete", b, "--force");
        JsonNode shown = jit.run("issue", "show", a, "--json").data();
        assertThat(shown.get("dependencies")).isEmpty();
        assertThat(shown.get("state").asText()).isEqualTo("ready");
    }

    @Test
    void rejectClosesWithoutGatesAndUnblocksDependents() {
        jit.ok("registry", "add", "review", "--title", "Review");
        String a = jit.ok("issue", "create", "-t", "A");
        String b = jit.ok("issue", "create", "-t", "B", "--gate", "review");
        jit.ok("dep", "add", a, b);
        assertThat(jit.ok("issue", "reject", b, "--reason", "duplicate")).contains("-> rejected")
                .contains("backlog -> ready");
    }

    @Test
    void gatesMustBeRegisteredAndRegistryRemovalChecksUse() {
        String a = jit.ok("issue", "create", "-t", "A");
        CliRunner.Result unknown = jit.run("gate", "add", a, "nope");
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(unknown.err()).contains("not in the registry").contains("none defined yet");
        jit.ok("registry", "add", "lint", "--title", "Lint");
        assertThat(jit.run("registry", "add", "lint", "--title", "again").exit()).isEqualTo(6);
        jit.ok("gate", "add", a, "lint");
        assertThat(jit.run("registry", "remove", "lint").exit()).isEqualTo(1);
        jit.ok("registry", "remove", "lint", "--force");
        assertThat(jit.run("issue", "show", a, "--json").data().get("gates_required")).isEmpty();
    }

    @Test
    void breakdownIsAtomicAndInheritsFromTheParent() {
        String dep = jit.ok("issue", "create", "-t", "Dep");
        String parent = jit.ok("issue", "create", "-t", "Parent", "-p", "high", "--label", "epic:x");
        jit.ok("dep", "add", parent, dep);
        String out = jit.ok("issue", "breakdown", parent, "--subtask", "one", "--subtask", "two", "--desc", "first");
        assertThat(out.lines()).hasSize(2);
        JsonNode one = jit.run("issue", "show", out.lines().findFirst().orElseThrow(), "--json").data();
        assertThat(one.get("priority").asText()).isEqualTo("high");
        assertThat(one.get("labels").toString()).contains("epic:x");
        assertThat(one.get("dependencies").toString()).contains(dep);
        assertThat(one.get("description").asText()).isEqualTo("first");
        JsonNode p = jit.run("issue", "show", parent, "--json").data();
        assertThat(p.get("dependencies")).hasSize(2);
    }

    @Test
    void storeIsFoundWalkingUpAndThroughJitDataDir() throws Exception {
        String a = jit.ok("issue", "create", "-t", "A");
        Path sub = Files.createDirectories(dir.resolve("src/main"));
        assertThat(new CliRunner(sub).ok("issue", "list")).isEqualTo(a);
        Path other = Files.createDirectories(dir.resolve("elsewhere"));
        CliRunner viaEnv = new CliRunner(other).env("JIT_DATA_DIR", "../.jit");
        assertThat(viaEnv.ok("issue", "list")).isEqualTo(a);
        CliRunner fresh = new CliRunner(other).env("JIT_DATA_DIR", "data");
        assertThat(fresh.run("issue", "list").exit()).isEqualTo(3);
        fresh.ok("init");
        assertThat(Files.isRegularFile(other.resolve("data/index.json"))).isTrue();
    }

    @Test
    void lockRunsACommandUnderTheStoreLockAndRelaysItsExitStatus() throws Exception {
        Path marker = dir.resolve("ran");
        assertThat(jit.run("lock", "--shared", "--", "sh", "-c", "touch " + marker + "; exit 3").exit()).isEqualTo(3);
        assertThat(marker).exists();
        // While an exclusive holder runs, a writer in another thread times out on the lock.
        CliRunner impatient = new CliRunner(dir).env("JIT_LOCK_TIMEOUT", "0.3");
        java.util.concurrent.CompletableFuture<CliRunner.Result> holder = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> jit.run("lock", "--", "sleep", "2"));
        Thread.sleep(600);
        CliRunner.Result blocked = impatient.run("issue", "create", "-t", "waits");
        assertThat(blocked.exit()).isEqualTo(1);
        assertThat(blocked.err()).contains("Lock timeout").contains(".store.lock");
        assertThat(holder.get().exit()).isZero();
        assertThat(jit.run("lock", "--", "no-such-command-xyz").exit()).isEqualTo(3);
    }
}
