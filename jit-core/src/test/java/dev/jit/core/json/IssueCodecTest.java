package dev.jit.core.json;

import dev.jit.core.internal.codec.IssueCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.model.GateStatus;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IssueCodecTest {

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void missingOptionalFieldsGetDefaults() {
        Issue i = IssueCodec.fromJson(Json.parse("{\"id\":\"abcd-1\",\"title\":\"T\"}"));
        assertThat(i.id()).isEqualTo("abcd-1");
        assertThat(i.title()).isEqualTo("T");
        assertThat(i.description()).isEmpty();
        assertThat(i.state()).isEqualTo(State.BACKLOG);
        assertThat(i.priority()).isEqualTo(Priority.NORMAL);
        assertThat(i.assignee()).isNull();
        assertThat(i.dependencies()).isEmpty();
        assertThat(i.gatesRequired()).isEmpty();
        assertThat(i.gatesStatus()).isEmpty();
        assertThat(i.context()).isEmpty();
        assertThat(i.documents()).isEmpty();
        assertThat(i.labels()).isEmpty();
        assertThat(i.createdAt()).isNull();
        assertThat(i.extra()).isEmpty();

        // Written back in full, in the reference's field order, without timestamps it never had.
        assertThat(fieldNames(IssueCodec.toJson(i))).containsExactly("id", "title", "description", "state",
                "priority", "assignee", "dependencies", "gates_required", "gates_status", "context", "documents",
                "labels");
    }

    @Test
    void legacyOpenStateReadsAsBacklogAndIsWrittenAsBacklog() {
        Issue i = IssueCodec.fromJson(Json.parse("{\"id\":\"abcd-1\",\"title\":\"T\",\"state\":\"open\"}"));
        assertThat(i.state()).isEqualTo(State.BACKLOG);
        assertThat(IssueCodec.toJson(i).get("state").asText()).isEqualTo("backlog");
    }

    @Test
    void unknownFieldsSurviveInTheirOrderAfterTheKnownOnes() {
        String in = """
                {"zeta": {"nested": [1, 2]}, "id": "abcd-1", "title": "T", "alpha": "a",
                 "labels": ["type:task", "epic:auth"], "state": "ready", "omega": null}
                """;
        Issue i = IssueCodec.fromJson(Json.parse(in));
        assertThat(i.labels()).containsExactly("type:task", "epic:auth");
        JsonNode out = IssueCodec.toJson(i);
        List<String> names = fieldNames(out);
        assertThat(names.subList(names.size() - 3, names.size())).containsExactly("zeta", "alpha", "omega");
        assertThat(out.get("zeta")).isEqualTo(Json.parse("{\"nested\":[1,2]}"));
        assertThat(out.get("omega").isNull()).isTrue();
        assertThat(out.get("labels")).isEqualTo(Json.parse("[\"type:task\",\"epic:auth\"]"));

        // And a second round trip is a fixed point.
        assertThat(IssueCodec.toJson(IssueCodec.fromJson(out))).isEqualTo(out);
    }

    @Test
    void fullIssueRoundTripsExactly() {
        String in = """
                {
                  "id": "9db27a3a-86c5-4d79-9582-9ad68364ea36",
                  "title": "T",
                  "description": "D",
                  "state": "gated",
                  "priority": "critical",
                  "assignee": "agent:w1",
                  "dependencies": [
                    "aaaa-1",
                    "bbbb-2"
                  ],
                  "gates_required": [
                    "tests",
                    "code-review"
                  ],
                  "gates_status": {
                    "code-review": {
                      "status": "failed",
                      "updated_by": null,
                      "updated_at": "2025-12-18T20:35:58.694584821Z"
                    },
                    "tests": {
                      "status": "passed",
                      "updated_by": "ci:x",
                      "updated_at": "2025-12-18T20:35:58.694584821Z"
                    }
                  },
                  "context": {
                    "a": "1",
                    "b": "2"
                  },
                  "documents": [
                    {
                      "path": "docs/x.md",
                      "commit": null,
                      "label": "Design",
                      "doc_type": "design"
                    }
                  ],
                  "labels": [
                    "type:task"
                  ],
                  "created_at": "2025-12-18T20:35:58Z",
                  "updated_at": "2025-12-18T20:36:58Z"
                }
                """;
        Issue i = IssueCodec.fromJson(Json.parse(in));
        assertThat(i.gatesStatus().get("tests").status()).isEqualTo(GateStatus.PASSED);
        assertThat(i.gatesStatus().get("tests").updatedBy()).isEqualTo("ci:x");
        assertThat(i.unpassedGates()).containsExactly("code-review");
        assertThat(Json.pretty(IssueCodec.toJson(i))).isEqualTo(in);
    }

    @Test
    void dependenciesAreWrittenSortedAndDistinct() {
        Issue i = IssueCodec.fromJson(Json.parse(
                "{\"id\":\"abcd-1\",\"dependencies\":[\"cccc\",\"aaaa\",\"bbbb\",\"aaaa\"]}"));
        assertThat(i.dependencies()).containsExactly("aaaa", "bbbb", "cccc");
    }

    @Test
    void unreadableFieldsAreNamed() {
        assertThatThrownBy(() -> IssueCodec.fromJson(Json.parse("{\"title\":\"T\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'id'");
        assertThatThrownBy(() -> IssueCodec.fromJson(Json.parse("{\"id\":\"abcd\",\"state\":\"weird\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'state'");
        assertThatThrownBy(() -> IssueCodec.fromJson(Json.parse("{\"id\":\"abcd\",\"priority\":\"urgent\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'priority'");
        assertThatThrownBy(() -> IssueCodec.fromJson(Json.parse("[1]")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownFieldsInsideGateResultsAndDocumentsSurviveARewrite() {
        String file = """
                {"id": "abcd1234-0000-4000-8000-000000000001", "title": "t",
                 "gates_required": ["ci"],
                 "gates_status": {"ci": {"status": "passed", "updated_by": "ci", "updated_at": "2026-01-01T00:00:00Z",
                                         "run_id": 7, "url": "https://ci/7"}},
                 "documents": [{"path": "docs/a.md", "commit": null, "label": null, "doc_type": null,
                                "sha256": "ab12", "pinned": {"by": "me"}}]}
                """;
        Issue issue = IssueCodec.fromJson(Json.parse(file));
        JsonNode out = Json.parse(Json.pretty(IssueCodec.toJson(issue)));
        assertThat(out.at("/gates_status/ci/run_id").asInt()).isEqualTo(7);
        assertThat(out.at("/gates_status/ci/url").asText()).isEqualTo("https://ci/7");
        assertThat(out.at("/documents/0/sha256").asText()).isEqualTo("ab12");
        assertThat(out.at("/documents/0/pinned/by").asText()).isEqualTo("me");
        // Recording a new result keeps the entry's fields of other gates and replaces only this one.
        assertThat(issue.withGateState("ci", new dev.jit.core.model.GateState(GateStatus.FAILED, "x", "now"))
                .gatesStatus().get("ci").extra()).isEmpty();
    }
}
