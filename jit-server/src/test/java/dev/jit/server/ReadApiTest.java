package dev.jit.server;

import dev.jit.core.Jit;


import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.Issues;
import dev.jit.core.model.JitOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every read endpoint against a small store built through the API. */
class ReadApiTest {
    static ServerFixture fx;
    static Api api;
    static String auth;
    static String login;
    static String docs;

    @BeforeAll
    static void setUp() {
        fx = ServerFixture.start();
        api = fx.api;
        auth = api.create("Auth service", "\"priority\":\"high\",\"labels\":[\"epic:auth\",\"type:task\"],"
                + "\"description\":\"Tokens and sessions\\nsecond line mentions OAuth\"");
        login = api.create("Login page", "\"labels\":[\"epic:auth\"]");
        docs = api.create("Write docs", "\"priority\":\"low\"");
        assertThat(api.post("/api/issues/" + login + "/dependencies", "{\"depends_on\":\"" + auth + "\"}").status())
                .isEqualTo(200);
    }

    @AfterAll
    static void tearDown() throws Exception {
        fx.close();
    }

    @Test
    void healthHasTheShapeHealthChecksExpect() {
        Api.Resp r = api.get("/api/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
        // 'wget --spider' (the guide's Docker health check) sends HEAD.
        Api.Resp head = api.send(api.request("/api/health").method("HEAD",
                java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.status()).isEqualTo(200);
    }

    @Test
    void listsIssuesInCreationOrderWithBlockedFlag() {
        JsonNode body = api.get("/api/issues").json();
        assertThat(body.path("total").asInt()).isEqualTo(3);
        assertThat(ids(body.path("issues"))).containsExactly(auth, login, docs);
        assertThat(body.path("issues").get(1).path("blocked").asBoolean()).isTrue();
        assertThat(body.path("issues").get(0).path("blocked").asBoolean()).isFalse();
        assertThat(body.path("next_cursor").isNull()).isTrue();
    }

    @Test
    void filtersRepeatOrCommaSeparateAndCombine() {
        assertThat(ids(api.get("/api/issues?label=epic:auth").json().path("issues"))).containsExactly(auth, login);
        assertThat(ids(api.get("/api/issues?priority=high,low").json().path("issues"))).containsExactly(auth, docs);
        assertThat(ids(api.get("/api/issues?priority=high&priority=low").json().path("issues")))
                .containsExactly(auth, docs);
        assertThat(ids(api.get("/api/issues?label=epic:*&blocked=false").json().path("issues"))).containsExactly(auth);
        assertThat(ids(api.get("/api/issues?blocked=true").json().path("issues"))).containsExactly(login);
        assertThat(ids(api.get("/api/issues?assignee=none&state=backlog").json().path("issues")))
                .containsExactly(login);
        assertThat(ids(api.get("/api/issues?q=oauth").json().path("issues"))).containsExactly(auth);
        assertThat(api.get("/api/issues?q=oauth").json().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void sortsAndPaginatesWithCursor() {
        assertThat(ids(api.get("/api/issues?sort=priority").json().path("issues"))).containsExactly(auth, login, docs);
        assertThat(ids(api.get("/api/issues?sort=-priority").json().path("issues"))).containsExactly(docs, login, auth);
        assertThat(ids(api.get("/api/issues?sort=title").json().path("issues"))).containsExactly(auth, login, docs);
        assertThat(ids(api.get("/api/issues?sort=-created").json().path("issues"))).containsExactly(docs, login, auth);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/issues?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            assertThat(page.path("total").asInt()).isEqualTo(3);
            seen.addAll(ids(page.path("issues")));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null);
        assertThat(seen).containsExactly(auth, login, docs);
    }

    @Test
    void badListParametersAre400() {
        for (String q : List.of("state=bogus", "priority=urgent", "blocked=maybe", "sort=size", "limit=0",
                "limit=x", "limit=5000", "cursor=%25%25%25", "cursor=bm90LWEtY3Vyc29y")) {
            Api.Resp r = api.get("/api/issues?" + q);
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.json().path("error").path("message").asText()).as(q).isNotBlank();
        }
    }

    @Test
    void showsOneIssueByIdOrPrefixWithDependentsAndReasons() {
        JsonNode a = api.get("/api/issues/" + auth).json();
        assertThat(a.path("title").asText()).isEqualTo("Auth service");
        assertThat(ids(a.path("dependents"))).containsExactly(login);
        assertThat(a.path("blocked_reasons").size()).isZero();

        JsonNode l = api.get("/api/issues/" + login.substring(0, 8)).json();
        assertThat(l.path("id").asText()).isEqualTo(login);
        assertThat(l.path("blocked").asBoolean()).isTrue();
        JsonNode reason = l.path("blocked_reasons").get(0);
        assertThat(reason.path("type").asText()).isEqualTo("dependency");
        assertThat(reason.path("target").asText()).isEqualTo(auth);
        assertThat(reason.path("status").asText()).isEqualTo("ready");
        assertThat(reason.path("detail").asText()).contains("Auth service");
    }

    @Test
    void unknownIdsAndPrefixMissesAre404BadIdsAre400() {
        assertThat(api.get("/api/issues/ffffffff-0000-0000-0000-000000000000").status()).isEqualTo(404);
        Api.Resp miss = api.get("/api/issues/zzzz");
        assertThat(miss.status()).isEqualTo(404);
        assertThat(miss.errorCode()).isEqualTo("ISSUE_NOT_FOUND");
        assertThat(api.get("/api/issues/ab").status()).isEqualTo(400);
        assertThat(api.get("/api/issues/..%2F..%2Fetc%2Fpasswd").status()).isIn(400, 404);
        assertThat(api.get("/api/issues/a..b").status()).isEqualTo(400);
    }

    @Test
    void graphHasNodesAndDependentToDependencyEdges() {
        JsonNode g = api.get("/api/graph").json();
        assertThat(g.path("nodes").size()).isEqualTo(3);
        JsonNode node = g.path("nodes").get(0);
        assertThat(node.path("id").asText()).isEqualTo(auth);
        assertThat(node.path("label").asText()).isEqualTo("Auth service");
        assertThat(node.path("priority").asText()).isEqualTo("high");
        assertThat(ids(node.path("labels"))).containsExactly("epic:auth", "type:task");
        assertThat(g.path("edges").size()).isEqualTo(1);
        assertThat(g.path("edges").get(0).path("from").asText()).isEqualTo(login);
        assertThat(g.path("edges").get(0).path("to").asText()).isEqualTo(auth);
    }

    @Test
    void statusCountsEveryState() {
        JsonNode s = api.get("/api/status").json();
        assertThat(s.path("total").asInt()).isEqualTo(3);
        assertThat(s.path("ready").asInt()).isEqualTo(2);
        assertThat(s.path("backlog").asInt()).isEqualTo(1);
        assertThat(s.path("open").asInt()).isEqualTo(1);
        assertThat(s.path("blocked").asInt()).isEqualTo(1);
        for (String k : List.of("in_progress", "gated", "done", "archived", "rejected")) {
            assertThat(s.has(k)).as(k).isTrue();
        }
    }

    @Test
    void readyIsMostUrgentFirstAndBlockedCarriesReasons() {
        JsonNode ready = api.get("/api/ready").json();
        assertThat(ids(ready.path("issues"))).containsExactly(auth, docs);
        assertThat(ids(api.get("/api/ready?priority=low").json().path("issues"))).containsExactly(docs);
        JsonNode blocked = api.get("/api/blocked").json();
        assertThat(ids(blocked.path("issues"))).containsExactly(login);
        assertThat(blocked.path("issues").get(0).path("blocked_reasons").get(0).path("target").asText())
                .isEqualTo(auth);
    }

    @Test
    void eventsFilterByTypeIssueSinceAndLimit() {
        JsonNode all = api.get("/api/events?limit=1000").json().path("events");
        assertThat(all.size()).isGreaterThanOrEqualTo(4);
        JsonNode created = api.get("/api/events?type=issue_created").json().path("events");
        assertThat(ids(created, "issue_id")).startsWith(auth, login, docs);
        JsonNode forLogin = api.get("/api/events?issue=" + login.substring(0, 6)).json().path("events");
        assertThat(forLogin).allSatisfy(e -> assertThat(e.path("issue_id").asText()).isEqualTo(login));
        assertThat(api.get("/api/events?limit=1").json().path("events").size()).isEqualTo(1);
        String ts = created.get(2).path("timestamp").asText();
        JsonNode since = api.get("/api/events?type=issue_created&since=" + ts).json().path("events");
        assertThat(ids(since, "issue_id")).startsWith(docs).doesNotContain(auth, login);
        assertThat(api.get("/api/events?since=2020-01-01T00:00:00Z").json().path("events").size())
                .isEqualTo(Math.min(100, all.size()));
        assertThat(api.get("/api/events?since=yesterday").status()).isEqualTo(400);
        assertThat(api.get("/api/events?limit=-1").status()).isEqualTo(400);
        // The same filter as jit events query: an issue prefix needs 4+ characters; actor is exact.
        Api.Resp tooShort = api.get("/api/events?issue=" + login.substring(0, 3));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().at("/error/message").asText()).contains("at least 4 characters");
        String actor = all.get(0).path("actor").asText();
        JsonNode byActor = api.get("/api/events?limit=1000&actor="
                + java.net.URLEncoder.encode(actor, java.nio.charset.StandardCharsets.UTF_8)).json().path("events");
        assertThat(byActor).isNotEmpty().allSatisfy(e -> assertThat(e.path("actor").asText()).isEqualTo(actor));
        assertThat(api.get("/api/events?actor=nobody:at-all").json().path("events").size()).isZero();
    }

    @Test
    void searchReturnsMatchingLines() {
        JsonNode r = api.get("/api/search?q=oauth").json();
        assertThat(r.path("query").asText()).isEqualTo("oauth");
        assertThat(r.path("total").asInt()).isEqualTo(1);
        JsonNode hit = r.path("results").get(0);
        assertThat(hit.path("issue_id").asText()).isEqualTo(auth);
        assertThat(hit.path("field").asText()).isEqualTo("description");
        assertThat(hit.path("line_number").asInt()).isEqualTo(2);
        assertThat(hit.path("line_text").asText()).isEqualTo("second line mentions OAuth");
        assertThat(api.get("/api/search?q=oauth&case_sensitive=true").json().path("total").asInt()).isZero();
        assertThat(api.get("/api/search?q=%5E(Login%7CWrite)&regex=true").json().path("total").asInt()).isEqualTo(2);
        assertThat(api.get("/api/search?q=e&limit=1").json().path("results").size()).isEqualTo(1);
        assertThat(api.get("/api/search").status()).isEqualTo(400);
        assertThat(api.get("/api/search?q=%28&regex=true").status()).isEqualTo(400);
    }

    @Test
    void searchGivesTheMatchedSpansAndTheIssuesItNames() {
        JsonNode r = api.get("/api/search?q=oauth").json();
        JsonNode hit = r.path("results").get(0);
        assertThat(hit.path("title").asText()).isEqualTo("Auth service");
        assertThat(hit.path("matches").toString()).isEqualTo("[{\"start\":21,\"end\":26}]");
        assertThat(ids(r.path("issues"))).containsExactly(auth);
        assertThat(r.path("issues").get(0).path("priority").asText()).isEqualTo("high");
    }

    @Test
    void searchTakesTheListsFiltersBeforeTheLimit() {
        // "e" is in every title: the filters narrow the issues searched, and total counts only them
        assertThat(ids(api.get("/api/search?q=e&priority=low").json().path("issues"))).containsExactly(docs);
        JsonNode blocked = api.get("/api/search?q=e&blocked=true&limit=1").json();
        assertThat(blocked.path("results")).allSatisfy(h -> assertThat(h.path("issue_id").asText()).isEqualTo(login));
        assertThat(blocked.path("results").size()).isEqualTo(1);
        assertThat(blocked.path("total").asInt()).isEqualTo(2); // its title and its label epic:auth
        assertThat(api.get("/api/search?q=oauth&label=epic:*&state=backlog").json().path("total").asInt()).isZero();
        assertThat(api.get("/api/search?q=e&priority=urgent-ish").status()).isEqualTo(400);
        // sort orders the issues named, as in the list
        assertThat(ids(api.get("/api/search?q=e&sort=-title").json().path("issues"))).containsExactly(docs, login, auth);
        assertThat(api.get("/api/search?q=e&sort=colour").status()).isEqualTo(400);
    }

    @Test
    void writesByAnotherStoreInstanceAreVisibleOnTheNextRequest() {
        Jit other = Jit.open(fx.dataDir, new JitOptions(Duration.ofSeconds(5), "human:test", w -> { }));
        int before = api.get("/api/status").json().path("total").asInt();
        String id = other.issues().create(new Issues.NewIssue("Made elsewhere", null, null, null,
                null, null)).id();
        assertThat(api.get("/api/status").json().path("total").asInt()).isEqualTo(before + 1);
        assertThat(api.get("/api/issues/" + id).status()).isEqualTo(200);
        other.issues().delete(List.of(id), false);
        assertThat(api.get("/api/issues/" + id).status()).isEqualTo(404);
    }

    static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.path("id").asText()));
        return out;
    }

    static List<String> ids(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }
}
