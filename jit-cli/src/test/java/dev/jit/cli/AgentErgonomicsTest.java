package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What agents type: the reference tool's newer command shapes, leases, --quiet, --limit and --fields. */
class AgentErgonomicsTest {
    @TempDir
    Path dir;
    CliRunner jit;

    @BeforeEach
    void init() {
        jit = new CliRunner(dir);
        jit.ok("init");
    }

    @Test
    void createTakesThePositionalTitleOrTitleButNotBothNorNeither() {
        String id = jit.ok("issue", "create", "Fix login", "-p", "high");
        assertThat(jit.run("issue", "show", id, "--json").data().get("title").asText()).isEqualTo("Fix login");
        CliRunner.Result both = jit.run("issue", "create", "A", "-t", "B");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
        CliRunner.Result neither = jit.run("issue", "create", "-p", "high");
        assertThat(neither.exit()).isEqualTo(2);
        assertThat(neither.err()).contains("needs a title");
        assertThat(jit.ok("issue", "list").lines()).containsExactly(id);
    }

    @Test
    void createTakesItsDependenciesInTheSameCommit() {
        String base = jit.ok("issue", "create", "Base");
        String other = jit.ok("issue", "create", "Other");
        String id = jit.ok("issue", "create", "On top", "--depends-on", base.substring(0, 8) + "," + other);
        JsonNode issue = jit.run("issue", "show", id, "--json").data();
        assertThat(issue.get("state").asText()).isEqualTo("backlog");
        List<String> deps = new ArrayList<>();
        issue.get("dependencies").forEach(d -> deps.add(d.asText()));
        assertThat(deps).containsExactlyInAnyOrder(base, other);
        CliRunner.Result unknown = jit.run("issue", "create", "Orphan", "--depends-on", "deadbeef");
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(jit.ok("issue", "list").lines()).as("nothing created").hasSize(3);
    }

    @Test
    void showTakesSeveralIdsAndAnswersAnArrayInArgumentOrder() {
        String a = jit.ok("issue", "create", "A");
        String b = jit.ok("issue", "create", "B");
        JsonNode one = jit.run("issue", "show", a, "--json").data();
        assertThat(one.isObject()).isTrue();
        JsonNode two = jit.run("issue", "show", b, a.substring(0, 8), "--json").data();
        assertThat(two.isArray()).isTrue();
        assertThat(two.get(0).get("id").asText()).isEqualTo(b);
        assertThat(two.get(1).get("id").asText()).isEqualTo(a);
        assertThat(jit.ok("issue", "show", a, b)).contains("Title:       A").contains("Title:       B");
        CliRunner.Result missing = jit.run("issue", "show", a, "deadbeef");
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.out()).isEmpty(); // nothing printed before every id was found
    }

    @Test
    void quietPrintsNothingForChangesButStillTheIdsScriptsNeed() {
        CliRunner term = new CliRunner(dir).terminal(true);
        String id = term.ok("-q", "issue", "create", "Quiet one");
        assertThat(id).doesNotContain("Created").hasSize(36);
        assertThat(term.ok("issue", "update", id, "--priority", "high", "-q")).isEmpty();
        assertThat(term.ok("-q", "issue", "claim", id, "agent:q")).isEmpty();
        assertThat(term.ok("--quiet", "issue", "release", id, "later")).isEmpty();
        assertThat(term.ok("-q", "issue", "claim-next", "agent:q")).isEqualTo(id);
        // Reads still answer, and errors still say what went wrong.
        assertThat(term.ok("-q", "issue", "show", id)).contains("Quiet one");
        CliRunner.Result err = term.run("-q", "issue", "claim", id, "agent:other");
        assertThat(err.exit()).isEqualTo(1);
        assertThat(err.err()).contains("already assigned to agent:q");
        // JSON is what the caller asked for.
        assertThat(term.run("-q", "issue", "update", id, "--priority", "low", "--json").data().get("priority")
                .asText()).isEqualTo("low");
    }

    @Test
    void listsTakeLimitAndFields() {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            ids.add(jit.ok("issue", "create", "Issue " + k));
        }
        JsonNode ready = jit.run("query", "ready", "--limit", "2", "--fields", "title,state", "--json").data();
        assertThat(ready.get("count").asInt()).isEqualTo(2);
        assertThat(ready.get("total").asInt()).isEqualTo(5);
        JsonNode first = ready.get("issues").get(0);
        List<String> keys = new ArrayList<>();
        first.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("id", "title", "state");
        assertThat(jit.ok("issue", "list", "--limit", "3").lines()).containsExactlyElementsOf(ids.subList(0, 3));
        JsonNode listed = jit.run("issue", "list", "--limit", "1", "--json").data();
        assertThat(listed.get("issues")).hasSize(1);
        assertThat(listed.get("total").asInt()).isEqualTo(5);
        assertThat(jit.run("issue", "search", "Issue", "--fields", "title", "--json").data().get("issues").get(0)
                .size()).isEqualTo(2);
        CliRunner.Result bad = jit.run("query", "ready", "--fields", "titel", "--json");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.json().at("/error/message").asText()).contains("no issue key 'titel'");
        assertThat(jit.run("issue", "list", "--limit", "0").exit()).isEqualTo(2);
    }

    @Test
    void leasesUnderBothNamesAndTheirErrors() {
        String id = jit.ok("issue", "create", "Leased");
        JsonNode claimed = jit.run("issue", "claim", id, "agent:w1", "--ttl", "15m", "--json").data();
        assertThat(claimed.at("/lease/ttl_secs").asLong()).isEqualTo(900);
        CliRunner.Result other = jit.env("JIT_ACTOR", "agent:w2").run("issue", "heartbeat", id, "--json");
        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.json().at("/error/code").asText()).isEqualTo("NOT_HOLDER");
        assertThat(new CliRunner(dir).env("JIT_ACTOR", "agent:w1").ok("issue", "heartbeat", id))
                .startsWith("Renewed lease on " + id);
        JsonNode leases = jit.run("query", "leases", "--json").data();
        assertThat(leases.get("count").asInt()).isEqualTo(1);
        assertThat(leases.at("/leases/0/holder").asText()).isEqualTo("agent:w1");
        assertThat(leases.at("/leases/0/remaining_secs").asLong()).isBetween(890L, 900L);
        assertThat(jit.ok("claim", "list")).contains(id).contains("agent:w1");
        assertThat(jit.ok("claim", "release", id)).contains("released via jit claim release");

        JsonNode acquired = jit.run("claim", "acquire", id, "--agent-id", "agent:w3", "--json").data();
        assertThat(acquired.get("assignee").asText()).isEqualTo("agent:w3");
        assertThat(acquired.at("/lease/ttl_secs").asLong()).isEqualTo(600); // the reference tool's default
        assertThat(jit.ok("claim", "renew", id, "agent:w3")).startsWith("Renewed lease");
        for (String bad : List.of("15x", "-5", "m", "")) {
            CliRunner.Result r = jit.run("issue", "claim-next", "agent:w9", "--ttl", bad);
            assertThat(r.exit()).as(bad).isEqualTo(2);
            assertThat(r.err()).as(bad).contains("--ttl takes a duration");
        }
    }

    @Test
    void updateAssignsUnassignsAndChangesGatesInOneCommand() {
        jit.ok("registry", "add", "review", "--title", "Review");
        jit.ok("registry", "add", "tests", "--title", "Tests");
        String id = jit.ok("issue", "create", "Gated");
        JsonNode updated = jit.run("issue", "update", id, "--assignee", "agent:w1", "--add-gate", "review,tests",
                "--json").data();
        assertThat(updated.get("assignee").asText()).isEqualTo("agent:w1");
        assertThat(updated.get("gates_required")).extracting(JsonNode::asText).containsExactly("review", "tests");
        assertThat(jit.ok("events", "query", "--issue-id", id)).contains("issue_assigned").contains("gate_added");

        jit.ok("issue", "update", id, "--state", "done");
        jit.ok("gate", "pass", id, "review");
        // Removing the last unpassed gate completes the gated issue, as passing it would.
        JsonNode done = jit.run("issue", "update", id, "--remove-gate", "tests", "--json").data();
        assertThat(done.get("state").asText()).isEqualTo("done");
        assertThat(done.get("gates_required")).extracting(JsonNode::asText).containsExactly("review");

        assertThat(jit.run("issue", "update", id, "--unassign", "--json").data().get("assignee").isNull()).isTrue();
        CliRunner.Result both = jit.run("issue", "update", id, "--assignee", "agent:x", "--unassign");
        assertThat(both.exit()).isEqualTo(2);
        CliRunner.Result unknown = jit.run("issue", "update", id, "--add-gate", "nope");
        assertThat(unknown.exit()).isEqualTo(3);
    }
}
