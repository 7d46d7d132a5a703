package dev.jit.server;

import dev.jit.core.Jit;


import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.model.JitOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every write endpoint: success, the rule it enforces (409/422/404/400) and that a failure changes nothing. */
class WriteApiTest {
    static ServerFixture fx;
    static Api api;

    @BeforeAll
    static void setUp() {
        fx = ServerFixture.start();
        api = fx.api;
        Jit store = Jit.open(fx.dataDir, new JitOptions(Duration.ofSeconds(5), "human:test", w -> { }));
        store.gates().define("review", "Code review", "", false, null);
    }

    @AfterAll
    static void tearDown() throws Exception {
        fx.close();
    }

    @Test
    void createReturns201WithTheStoredIssue() {
        Api.Resp r = api.post("/api/issues", "{\"title\":\"  New thing \",\"description\":\"d\",\"priority\":\"HIGH\","
                + "\"labels\":[\"type:bug\"],\"gates\":[\"review\"],\"context\":{\"k\":\"v\"}}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode issue = r.json();
        assertThat(issue.path("title").asText()).isEqualTo("New thing");
        assertThat(issue.path("priority").asText()).isEqualTo("high");
        assertThat(issue.path("gates_required").get(0).asText()).isEqualTo("review");
        assertThat(issue.path("context").path("k").asText()).isEqualTo("v");
        assertThat(issue.path("blocked").asBoolean()).isFalse();
        assertThat(r.header("Location")).isEqualTo("/api/issues/" + issue.path("id").asText());
        assertThat(api.get("/api/issues/" + issue.path("id").asText()).json().path("title").asText())
                .isEqualTo("New thing");
    }

    @Test
    void createWithDependenciesCommitsThemWithTheIssue() {
        String dep = api.post("/api/issues", "{\"title\":\"Foundation\"}").json().path("id").asText();
        Api.Resp r = api.post("/api/issues", "{\"title\":\"Built on it\",\"dependencies\":[\"" + dep.substring(0, 8) + "\"]}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("dependencies").get(0).asText()).isEqualTo(dep);
        assertThat(r.json().path("state").asText()).isEqualTo("backlog");
        assertThat(r.json().path("blocked").asBoolean()).isTrue();
        String id = r.json().path("id").asText();
        assertThat(api.get("/api/issues/" + id).json().path("blocked").asBoolean()).isTrue();

        int before = total();
        Api.Resp unknown = api.post("/api/issues", "{\"title\":\"Orphan\",\"dependencies\":[\"" + dep + "\",\"zzzzzzzz\"]}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").path("message").asText()).contains("zzzzzzzz");
        assertThat(total()).as("nothing created").isEqualTo(before);
    }

    @Test
    void invalidCreatesAre400AndCreateNothing() {
        int before = total();
        for (String body : List.of("{}", "{\"title\":\"\"}", "{\"title\":\"x\",\"priority\":\"urgent\"}",
                "{\"title\":\"x\",\"labels\":[\"nolabelnamespace\"]}", "{\"title\":\"x\",\"titel\":\"typo\"}",
                "{\"title\":42}", "{\"title\":\"x\",\"labels\":\"a:b\"}", "[1,2]", "{\"title\":",
                "{\"title\":\"" + "x".repeat(501) + "\"}")) {
            Api.Resp r = api.post("/api/issues", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().path("error").path("message").asText()).as(body).isNotBlank();
        }
        Api.Resp unknownGate = api.post("/api/issues", "{\"title\":\"x\",\"gates\":[\"nope\"]}");
        assertThat(unknownGate.status()).isEqualTo(404);
        assertThat(unknownGate.errorCode()).isEqualTo("GATE_NOT_FOUND");
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void patchEditsFieldsLabelsContextAndState() {
        String id = api.create("Edit me", "\"labels\":[\"a:1\"],\"context\":{\"old\":\"x\"}");
        Api.Resp r = api.patch("/api/issues/" + id.substring(0, 8), "{\"title\":\"Edited\",\"priority\":\"critical\","
                + "\"add_labels\":[\"b:2\"],\"remove_labels\":[\"a:1\"],\"context\":{\"new\":\"y\"},"
                + "\"unset_context\":[\"old\"],\"state\":\"in_progress\"}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode issue = r.json();
        assertThat(issue.path("title").asText()).isEqualTo("Edited");
        assertThat(issue.path("priority").asText()).isEqualTo("critical");
        assertThat(ReadApiTest.ids(issue.path("labels"))).containsExactly("b:2");
        assertThat(issue.path("context").has("old")).isFalse();
        assertThat(issue.path("context").path("new").asText()).isEqualTo("y");
        assertThat(issue.path("state").asText()).isEqualTo("in_progress");
        assertThat(api.patch("/api/issues/" + id, "{}").status()).isEqualTo(400);
        assertThat(api.patch("/api/issues/" + id, "{\"state\":\"flying\"}").status()).isEqualTo(400);
        assertThat(api.patch("/api/issues/zzzzzzzz", "{\"title\":\"t\"}").status()).isEqualTo(404);
    }

    @Test
    void patchAssignsUnassignsAndChangesGates() {
        String id = api.create("Assign me", null);
        JsonNode issue = api.patch("/api/issues/" + id, "{\"assignee\":\"human:ann\",\"add_gates\":[\"review\"]}")
                .json();
        assertThat(issue.path("assignee").asText()).isEqualTo("human:ann");
        assertThat(ReadApiTest.ids(issue.path("gates_required"))).containsExactly("review");
        issue = api.patch("/api/issues/" + id, "{\"unassign\":true,\"remove_gates\":[\"review\"]}").json();
        assertThat(issue.path("assignee").isNull()).isTrue();
        assertThat(issue.path("gates_required")).isEmpty();

        Api.Resp unknownGate = api.patch("/api/issues/" + id, "{\"add_gates\":[\"nope\"],\"title\":\"renamed\"}");
        assertThat(unknownGate.status()).isEqualTo(404);
        assertThat(unknownGate.errorCode()).isEqualTo("GATE_NOT_FOUND");
        Api.Resp contradiction = api.patch("/api/issues/" + id, "{\"assignee\":\"human:ann\",\"unassign\":true}");
        assertThat(contradiction.status()).isEqualTo(400);
        assertThat(contradiction.json().path("error").path("message").asText()).contains("contradict");
        assertThat(api.patch("/api/issues/" + id, "{\"unassign\":\"yes\"}").status()).isEqualTo(400);
        assertThat(api.get("/api/issues/" + id).json().path("title").asText()).isEqualTo("Assign me");
    }

    @Test
    void gateListIsTheRegistryWithoutCheckerCommands() {
        JsonNode gates = api.get("/api/gates").json().path("gates");
        assertThat(gates.findValuesAsText("key")).contains("review");
        JsonNode review = gates.get(gates.findValuesAsText("key").indexOf("review"));
        assertThat(review.path("title").asText()).isEqualTo("Code review");
        assertThat(review.path("stage").asText()).isEqualTo("postcheck");
        assertThat(review.path("checked").asBoolean()).isFalse();
        assertThat(review.has("checker")).isFalse();
    }

    @Test
    void doneWhileBlockedIs422AndChangesNothing() {
        String dep = api.create("Dependency", null);
        String id = api.create("Dependent", null);
        api.post("/api/issues/" + id + "/dependencies", "{\"depends_on\":\"" + dep + "\"}");
        Api.Resp r = api.patch("/api/issues/" + id, "{\"state\":\"done\",\"title\":\"renamed\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.errorCode()).isEqualTo("TRANSITION_BLOCKED");
        JsonNode now = api.get("/api/issues/" + id).json();
        assertThat(now.path("state").asText()).isEqualTo("backlog");
        assertThat(now.path("title").asText()).isEqualTo("Dependent");
    }

    @Test
    void dependenciesAddRemoveAndRejectCycles() {
        String a = api.create("A", null);
        String b = api.create("B", null);
        Api.Resp add = api.post("/api/issues/" + b + "/dependencies", "{\"depends_on\":\"" + a.substring(0, 6) + "\"}");
        assertThat(add.status()).isEqualTo(200);
        assertThat(ReadApiTest.ids(add.json().path("dependencies"))).containsExactly(a);
        assertThat(add.json().path("blocked").asBoolean()).isTrue();

        Api.Resp cycle = api.post("/api/issues/" + a + "/dependencies", "{\"depends_on\":\"" + b + "\"}");
        assertThat(cycle.status()).isEqualTo(409);
        assertThat(cycle.errorCode()).isEqualTo("CYCLE_DETECTED");
        assertThat(api.post("/api/issues/" + a + "/dependencies", "{\"depends_on\":\"zzzzzzzz\"}").status())
                .isEqualTo(404);
        assertThat(api.post("/api/issues/" + a + "/dependencies", "{}").status()).isEqualTo(400);

        Api.Resp rm = api.delete("/api/issues/" + b + "/dependencies/" + a);
        assertThat(rm.status()).isEqualTo(200);
        assertThat(rm.json().path("dependencies").size()).isZero();
        assertThat(rm.json().path("blocked").asBoolean()).isFalse();
        assertThat(rm.json().path("state").asText()).isEqualTo("ready");
    }

    @Test
    void deleteRefusesWithDependentsUnlessForced() {
        String a = api.create("Doomed", null);
        String b = api.create("Needs doomed", null);
        api.post("/api/issues/" + b + "/dependencies", "{\"depends_on\":\"" + a + "\"}");
        Api.Resp refused = api.delete("/api/issues/" + a);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("HAS_DEPENDENTS");
        assertThat(api.get("/api/issues/" + a).status()).isEqualTo(200);
        Api.Resp forced = api.delete("/api/issues/" + a + "?force=true");
        assertThat(forced.status()).isEqualTo(200);
        assertThat(ReadApiTest.ids(forced.json().path("deleted"))).containsExactly(a);
        assertThat(ReadApiTest.ids(forced.json().path("detached_dependents"))).containsExactly(b);
        assertThat(api.get("/api/issues/" + a).status()).isEqualTo(404);
        assertThat(api.delete("/api/issues/" + a).status()).isEqualTo(404);
        assertThat(api.delete("/api/issues/" + b + "?force=perhaps").status()).isEqualTo(400);
    }

    @Test
    void claimAndReleaseFollowTheRules() {
        String id = api.create("Claimable", null);
        Api.Resp claim = api.post("/api/issues/" + id + "/claim", "{\"assignee\":\"agent:w1\"}");
        assertThat(claim.status()).isEqualTo(200);
        assertThat(claim.json().path("assignee").asText()).isEqualTo("agent:w1");
        assertThat(claim.json().path("state").asText()).isEqualTo("in_progress");
        Api.Resp again = api.post("/api/issues/" + id + "/claim", "{\"assignee\":\"agent:w2\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("ALREADY_ASSIGNED");
        assertThat(api.post("/api/issues/" + id + "/claim", "{\"assignee\":\"has space\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/issues/" + id + "/claim", "{}").status()).isEqualTo(400);

        assertThat(api.post("/api/issues/" + id + "/release", "{}").status()).isEqualTo(400);
        Api.Resp release = api.post("/api/issues/" + id + "/release", "{\"reason\":\"timeout\"}");
        assertThat(release.status()).isEqualTo(200);
        assertThat(release.json().path("assignee").isNull()).isTrue();
        assertThat(release.json().path("state").asText()).isEqualTo("ready");
        JsonNode events = api.get("/api/events?type=issue_released&issue=" + id).json().path("events");
        assertThat(events.get(0).path("reason").asText()).isEqualTo("timeout");
    }

    @Test
    void claimingABlockedIssueIs422() {
        String dep = api.create("Blocker", null);
        String id = api.create("Blocked one", null);
        api.post("/api/issues/" + id + "/dependencies", "{\"depends_on\":\"" + dep + "\"}");
        Api.Resp r = api.post("/api/issues/" + id + "/claim", "{\"assignee\":\"agent:w1\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(api.get("/api/issues/" + id).json().path("assignee").isNull()).isTrue();
    }

    @Test
    void gatePassCompletesAGatedIssueAndFailIsRecorded() {
        String id = api.create("Gated", "\"gates\":[\"review\"]");
        assertThat(api.patch("/api/issues/" + id, "{\"state\":\"done\"}").json().path("state").asText())
                .isEqualTo("gated");
        Api.Resp fail = api.post("/api/issues/" + id + "/gates/review/fail", "{\"by\":\"human:bob\"}");
        assertThat(fail.status()).isEqualTo(200);
        assertThat(fail.json().path("gates_status").path("review").path("status").asText()).isEqualTo("failed");
        Api.Resp pass = api.post("/api/issues/" + id + "/gates/review/pass", null);
        assertThat(pass.status()).isEqualTo(200);
        assertThat(pass.json().path("state").asText()).isEqualTo("done");
        Api.Resp notRequired = api.post("/api/issues/" + id + "/gates/lint/pass", "{}");
        assertThat(notRequired.status()).isEqualTo(422);
        assertThat(notRequired.errorCode()).isEqualTo("GATE_ERROR");
    }

    @Test
    void claimNextTakesTheMostUrgentMatchingReadyIssue() {
        String low = api.create("cn low", "\"priority\":\"low\",\"labels\":[\"team:cn\"]");
        String crit = api.create("cn critical", "\"priority\":\"critical\",\"labels\":[\"team:cn\"]");
        Api.Resp r = api.post("/api/claim-next", "{\"assignee\":\"agent:next\",\"filter\":\"label:team:cn\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("id").asText()).isEqualTo(crit);
        assertThat(api.post("/api/claim-next", "{\"assignee\":\"agent:next\",\"filter\":\"label:team:cn\"}")
                .json().path("id").asText()).isEqualTo(low);
        Api.Resp none = api.post("/api/claim-next", "{\"assignee\":\"agent:next\",\"filter\":\"label:team:cn\"}");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.errorCode()).isEqualTo("NO_READY_ISSUES");
        assertThat(api.post("/api/claim-next", "{\"assignee\":\"agent:x\",\"filter\":\"color:red\"}").status())
                .isEqualTo(400);
    }

    private static int total() {
        return api.get("/api/status").json().path("total").asInt();
    }
}
