package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request bodies bind strictly over real HTTP: no coercion between JSON types, no unknown or duplicate
 * fields, no trailing content; each refusal is a 400 whose one-line message names the field, and changes nothing.
 */
class StrictBodyApiTest {
    static ServerFixture fx;
    static Api api;

    @BeforeAll
    static void setUp() {
        fx = ServerFixture.start();
        api = fx.api;
    }

    @AfterAll
    static void tearDown() throws Exception {
        fx.close();
    }

    record Case(String path, String body, String message) {
    }

    @Test
    void wrongTypesAre400NamingTheFieldAndChangeNothing() {
        String id = api.create("strict", null);
        int before = total();
        String gate = "/api/issues/" + id + "/gates/review/pass";
        for (Case c : List.of(
                new Case("/api/issues", "{\"title\":1}", "Field 'title' must be a string"),
                new Case("/api/issues", "{\"title\":true}", "Field 'title' must be a string"),
                new Case("/api/issues", "{\"title\":[\"x\"]}", "Field 'title' must be a string"),
                new Case("/api/issues", "{\"title\":{\"a\":\"b\"}}", "Field 'title' must be a string"),
                new Case("/api/issues", "{\"title\":\"x\",\"labels\":\"a:b\"}",
                        "Field 'labels' must be an array of strings"),
                new Case("/api/issues", "{\"title\":\"x\",\"labels\":\"\"}",
                        "Field 'labels' must be an array of strings"),
                new Case("/api/issues", "{\"title\":\"x\",\"labels\":[1]}",
                        "Field 'labels' must be an array of strings"),
                new Case("/api/issues", "{\"title\":\"x\",\"gates\":[null]}",
                        "Field 'gates' must be an array of strings"),
                new Case("/api/issues", "{\"title\":\"x\",\"context\":{\"k\":1}}",
                        "Field 'context.k' must be a string"),
                new Case("/api/issues", "{\"title\":\"x\",\"context\":{\"k\":null}}",
                        "Field 'context.k' must be a string"),
                new Case("/api/issues", "{\"title\":\"x\",\"context\":[\"k\"]}",
                        "Field 'context' must be an object of strings"),
                new Case("/api/issues/" + id + "/claim", "{\"assignee\":5}", "Field 'assignee' must be a string"),
                new Case("/api/issues/" + id + "/claim", "{\"assignee\":\"  \"}", "Field 'assignee' is required"),
                new Case("/api/issues/" + id + "/dependencies", "{\"depends_on\":null}",
                        "Field 'depends_on' is required"),
                new Case(gate, "{\"by\":1.5}", "Field 'by' must be a string"),
                new Case("/api/claim-next", "{\"assignee\":\"a:b\",\"filter\":false}",
                        "Field 'filter' must be a string"))) {
            Api.Resp r = api.post(c.path(), c.body());
            assertThat(r.status()).as(c.body()).isEqualTo(400);
            assertThat(r.errorCode()).as(c.body()).isEqualTo("INVALID_ARGUMENT");
            assertThat(r.json().at("/error/message").asText()).as(c.body()).isEqualTo(c.message());
        }
        Api.Resp patch = api.patch("/api/issues/" + id, "{\"add_labels\":[\"a:b\",2]}");
        assertThat(patch.json().at("/error/message").asText())
                .isEqualTo("Field 'add_labels' must be an array of strings");
        assertThat(total()).isEqualTo(before);
        assertThat(api.get("/api/issues/" + id).json().path("labels").size()).isZero();
    }

    @Test
    void unknownFieldsAreAllNamedWithTheAllowedOnes() {
        Api.Resp r = api.post("/api/issues", "{\"titel\":\"typo\",\"title\":\"x\",\"zzz\":1}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText())
                .isEqualTo("Unknown field(s) [titel, zzz]; allowed: [context, dependencies, description, gates, labels, priority, "
                        + "title]");
        assertThat(ReadApiTest.ids(r.json().at("/error/details/unknown"))).containsExactly("titel", "zzz");
        Api.Resp edit = api.patch("/api/issues/abcd", "{\"addLabels\":[\"a:b\"]}");
        assertThat(edit.json().at("/error/message").asText()).isEqualTo("Unknown field(s) [addLabels]; allowed: "
                + "[add_gates, add_labels, assignee, context, description, priority, remove_gates, remove_labels, "
                + "state, title, unassign, unset_context]");
    }

    @Test
    void malformedDuplicateTrailingAndNonObjectBodiesAre400() {
        int before = total();
        for (Case c : List.of(
                new Case("/api/issues", "{\"title\":\"x\",\"title\":\"y\"}",
                        "Request body is not valid JSON: Duplicate field 'title'"),
                new Case("/api/issues", "{\"title\":\"x\"} {\"title\":\"y\"}", "Request body is not valid JSON: "),
                new Case("/api/issues", "{\"title\":\"x\"} trailing", "Request body is not valid JSON: "),
                new Case("/api/issues", "{\"title\":", "Request body is not valid JSON: "),
                new Case("/api/issues", "   ", "Request body is not valid JSON: "),
                new Case("/api/issues", "[{\"title\":\"x\"}]", "Request body must be a JSON object"),
                new Case("/api/issues", "null", "Request body must be a JSON object"),
                new Case("/api/claim-next", "\"agent:a\"", "Request body must be a JSON object"))) {
            Api.Resp r = api.post(c.path(), c.body());
            assertThat(r.status()).as(c.body()).isEqualTo(400);
            assertThat(r.json().at("/error/message").asText()).as(c.body()).startsWith(c.message());
        }
        assertThat(total()).isEqualTo(before);
    }

    private static int total() {
        return api.get("/api/status").json().path("total").asInt();
    }
}
