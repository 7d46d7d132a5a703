package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.Gates;
import dev.jit.core.Jit;
import dev.jit.core.model.GateChecker;
import dev.jit.core.model.JitOptions;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gate checkers over real HTTP: done runs postchecks, the check and gate-runs endpoints, the override rule. */
class GateCheckApiTest {
    static ServerFixture fx;
    static Api api;

    @BeforeAll
    static void setUp() {
        fx = ServerFixture.start();
        api = fx.api;
        Jit jit = Jit.open(fx.dataDir, new JitOptions(Duration.ofSeconds(5), "human:test", w -> { }));
        jit.gates().define(new Gates.Definition("tests", "Tests", "", false, null, null, GateChecker.shell(
                "test -f green || { echo '3 tests failed' >&2; exit 1; }", 30, null, Map.of())));
    }

    @AfterAll
    static void tearDown() throws Exception {
        fx.close();
    }

    @Test
    void doneRunsThePostcheckAndAFailureLeavesTheIssueGatedWithTheTail() throws Exception {
        String id = api.create("Feature", "\"gates\":[\"tests\"]");
        Api.Resp refused = api.patch("/api/issues/" + id, "{\"state\":\"done\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo("GATE_FAILED");
        assertThat(refused.json().at("/error/message").asText()).endsWith("\n3 tests failed");
        assertThat(refused.json().at("/error/details/output_tail").asText()).isEqualTo("3 tests failed");
        assertThat(api.get("/api/issues/" + id).json().path("state").asText()).isEqualTo("gated");

        JsonNode runs = api.get("/api/issues/" + id + "/gate-runs").json();
        assertThat(runs.path("count").asInt()).isEqualTo(1);
        assertThat(runs.at("/runs/0/status").asText()).isEqualTo("failed");
        assertThat(runs.at("/runs/0/exit_code").asInt()).isEqualTo(1);
        assertThat(runs.at("/runs/0/stderr").asText()).isEqualTo("3 tests failed\n");

        Files.writeString(fx.dataDir.getParent().resolve("green"), "");
        Api.Resp checked = api.post("/api/issues/" + id + "/gates/check", "{}");
        assertThat(checked.status()).isEqualTo(200);
        assertThat(checked.json().path("status").asText()).isEqualTo("passed");
        assertThat(checked.json().at("/issue/state").asText()).isEqualTo("done");
        assertThat(api.get("/api/issues/" + id + "/gate-runs?gate=tests").json().path("count").asInt()).isEqualTo(2);
        Files.delete(fx.dataDir.getParent().resolve("green"));
    }

    @Test
    void noCheckDefersAndOnlyAHumanWithAReasonMayPassACheckerGate() {
        String id = api.create("Other", "\"gates\":[\"tests\"]");
        assertThat(api.patch("/api/issues/" + id + "?no_check=true", "{\"state\":\"done\"}").json().path("state")
                .asText()).isEqualTo("gated");
        assertThat(api.get("/api/issues/" + id + "/gate-runs").json().path("count").asInt()).isZero();
        String pass = "/api/issues/" + id + "/gates/tests/pass";
        Api.Resp agent = api.post(pass, "{\"by\":\"agent:w1\",\"reason\":\"trust me\"}");
        assertThat(agent.status()).isEqualTo(422);
        assertThat(agent.errorCode()).isEqualTo("CHECKER_REQUIRED");
        assertThat(api.post(pass, "{\"by\":\"human:alice\"}").errorCode()).isEqualTo("CHECKER_REQUIRED");
        Api.Resp human = api.post(pass, "{\"by\":\"human:alice\",\"reason\":\"runner is down\"}");
        assertThat(human.status()).isEqualTo(200);
        assertThat(human.json().path("state").asText()).isEqualTo("done");
        JsonNode events = api.get("/api/events?type=gate_passed&issue=" + id).json().path("events");
        assertThat(events.get(events.size() - 1).path("reason").asText()).isEqualTo("runner is down");
    }
}
