package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI of gate checkers: defining them, gate check's progress line, JSON and exit codes, done and claim. */
class GateCheckCliTest {
    @TempDir
    Path repo;
    CliRunner jit;

    @BeforeEach
    void init() {
        jit = new CliRunner(repo);
        jit.ok("init");
        jit.ok("registry", "add", "tests", "-t", "Tests", "--timeout", "20", "--env", "GREETING=hi", "--",
                "sh", "-c", "echo $GREETING; test -f green || { echo 'red: 2 failures' >&2; exit 1; }");
    }

    private String issue(String title, String gate) {
        return jit.run("issue", "create", "-t", title, "-g", gate, "--json").data().path("id").asText();
    }

    @Test
    void registryAddTakesAVectorOrAShellStringAndRefusesBadCheckers() {
        JsonNode shown = jit.run("registry", "show", "tests", "--json").data();
        assertThat(shown.at("/checker/argv/0").asText()).isEqualTo("sh");
        assertThat(shown.at("/checker/timeout_seconds").asInt()).isEqualTo(20);
        assertThat(shown.at("/checker/env/GREETING").asText()).isEqualTo("hi");
        assertThat(shown.path("stage").asText()).isEqualTo("postcheck");
        assertThat(shown.path("mode").asText()).isEqualTo("auto");
        JsonNode lint = jit.run("registry", "add", "lint", "-t", "Lint", "--checker-command", "make lint | tee x",
                "--stage", "precheck", "--working-dir", "src", "--json").data();
        assertThat(lint.at("/checker/command").asText()).isEqualTo("make lint | tee x");
        assertThat(lint.at("/checker/argv").isMissingNode()).isTrue();
        assertThat(lint.at("/checker/working_dir").asText()).isEqualTo("src");
        assertThat(lint.path("stage").asText()).isEqualTo("precheck");
        for (String[] bad : new String[][]{
                {"registry", "add", "x", "-t", "X", "--checker-command", "true", "--", "true"},
                {"registry", "add", "x", "-t", "X", "--working-dir", "../up", "--", "true"},
                {"registry", "add", "x", "-t", "X", "--working-dir", "/etc", "--", "true"},
                {"registry", "add", "x", "-t", "X", "--stage", "sometime", "--", "true"},
                {"registry", "add", "x", "-t", "X", "--timeout", "0", "--", "true"},
                {"registry", "add", "x", "-t", "X", "--timeout", "5"},
                {"registry", "add", "x", "-t", "X", "--env", "NOEQUALS", "--", "true"}}) {
            CliRunner.Result r = jit.run(bad);
            assertThat(r.exit()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(r.err().strip().lines().findFirst().orElse("")).startsWith("Error: ");
        }
        assertThat(jit.run("registry", "show", "x").exit()).isEqualTo(3);
    }

    @Test
    void gateCheckShowsProgressRecordsRunsAndExits4OnFailure() throws Exception {
        String id = issue("Feature", "tests");
        CliRunner.Result failed = jit.run("gate", "check", id);
        assertThat(failed.exit()).isEqualTo(4);
        assertThat(failed.err()).startsWith("checking tests (1/1)… failed (exit 1) in ")
                .contains("Error: Gate 'tests' failed (exit 1 in ").contains("red: 2 failures");
        JsonNode error = jit.run("gate", "check", id, "--json").json();
        assertThat(error.path("success").asBoolean()).isFalse();
        assertThat(error.at("/error/code").asText()).isEqualTo("GATE_FAILED");
        assertThat(error.at("/error/exit_code").asInt()).isEqualTo(4);

        Files.writeString(repo.resolve("green"), "");
        CliRunner.Result passed = jit.run("gate", "check", id, "tests", "--json");
        assertThat(passed.exit()).isZero();
        assertThat(passed.err()).matches("checking tests \\(1/1\\)… passed in \\d+\\.\\d s\\n");
        JsonNode data = passed.data();
        assertThat(data.path("status").asText()).isEqualTo("passed");
        assertThat(data.at("/runs/0/stdout").asText()).isEqualTo("hi\n");
        assertThat(data.at("/runs/0/by").asText()).isEqualTo("human:tester");
        assertThat(data.at("/issue/gates_status/tests/status").asText()).isEqualTo("passed");

        JsonNode runs = jit.run("gate", "runs", id, "--json").data();
        assertThat(runs.path("count").asInt()).isEqualTo(3);
        assertThat(runs.at("/runs/0/status").asText()).isEqualTo("passed");
        assertThat(jit.ok("gate", "runs", id, "tests", "-n", "1", "--output")).contains("tests  passed (exit 0)")
                .contains("  --- stdout\nhi");
        assertThat(jit.run("gate", "check", id, "nope").exit()).isEqualTo(3);
    }

    @Test
    void doneRunsPostchecksUnlessNoCheckAndAnAgentCannotAttestACheckerGate() {
        String id = issue("Feature", "tests");
        CliRunner.Result done = jit.run("issue", "update", id, "--state", "done");
        assertThat(done.exit()).isEqualTo(4);
        assertThat(done.err()).startsWith("checking tests (1/1)… failed").contains("is gated").contains("red: 2 failures");
        assertThat(jit.run("issue", "show", id, "--json").data().path("state").asText()).isEqualTo("gated");

        String other = issue("Other", "tests");
        CliRunner.Result deferred = jit.run("issue", "update", other, "--state", "done", "--no-check");
        assertThat(deferred.exit()).isZero();
        assertThat(deferred.err()).isEmpty();
        assertThat(jit.run("issue", "show", other, "--json").data().path("state").asText()).isEqualTo("gated");

        CliRunner agent = new CliRunner(repo).env("JIT_ACTOR", "agent:worker-1");
        CliRunner.Result refused = agent.run("gate", "pass", other, "tests", "--json");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("CHECKER_REQUIRED");
        assertThat(agent.run("gate", "pass", other, "tests", "--by", "human:bob", "--reason", "honest").exit())
                .as("an agent cannot pass as a human").isEqualTo(1);
        assertThat(jit.run("gate", "pass", other, "tests").exit()).isEqualTo(1); // a human, but no reason
        assertThat(jit.run("gate", "pass", other, "tests", "--reason", "runner down").exit()).isZero();
        assertThat(jit.run("issue", "show", other, "--json").data().path("state").asText()).isEqualTo("done");
        JsonNode events = jit.run("events", "query", "--event-type", "gate_passed", "--json").data().path("events");
        assertThat(events.get(events.size() - 1).path("reason").asText()).isEqualTo("runner down");
        assertThat(events.get(events.size() - 1).path("updated_by").asText()).isEqualTo("human:tester");
    }

    @Test
    void aFailingPrecheckRefusesTheClaim() throws Exception {
        jit.ok("registry", "add", "setup", "-t", "Setup", "--stage", "precheck", "--checker-command",
                "test -f configured || { echo 'run ./configure first' >&2; exit 1; }");
        String id = issue("Feature", "setup");
        CliRunner.Result refused = jit.run("issue", "claim", id, "agent:w1");
        assertThat(refused.exit()).isEqualTo(4);
        assertThat(refused.err()).contains("cannot start").contains("run ./configure first");
        assertThat(jit.run("issue", "show", id, "--json").data().path("assignee").isNull()).isTrue();
        Files.writeString(repo.resolve("configured"), "");
        assertThat(jit.run("issue", "claim", id, "agent:w1").exit()).isZero();
        assertThat(jit.run("issue", "show", id, "--json").data().path("state").asText()).isEqualTo("in_progress");
    }
}
