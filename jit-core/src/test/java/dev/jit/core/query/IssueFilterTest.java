package dev.jit.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IssueFilterTest {
    private static final Issue AUTH = Issue.create("a1", "t", "", Priority.HIGH, List.of(),
            List.of("epic:auth", "type:task"), "2026-01-01T00:00:00Z");

    @Test
    void termsAreAndedAndAlternativesOred() {
        assertThat(IssueFilter.parse("priority:high|critical").test(AUTH, false)).isTrue();
        assertThat(IssueFilter.parse("priority:low|normal").test(AUTH, false)).isFalse();
        assertThat(IssueFilter.parse("state:ready,priority:high").test(AUTH, false)).isTrue();
        assertThat(IssueFilter.parse("state:backlog,priority:high").test(AUTH, false)).isFalse();
        assertThat(IssueFilter.parse("STATE:Ready").test(AUTH, false)).isTrue();
        assertThat(IssueFilter.parse("state:open").test(AUTH.withState(State.BACKLOG), false)).isTrue();
        assertThat(IssueFilter.parse("").test(AUTH, true)).isTrue();
        assertThat(IssueFilter.parse(null)).isSameAs(IssueFilter.ALL);
    }

    @Test
    void labelsMatchExactlyOrByWildcard() {
        assertThat(IssueFilter.parse("label:epic:auth").test(AUTH, false)).isTrue();
        assertThat(IssueFilter.parse("label:epic:au").test(AUTH, false)).isFalse();
        assertThat(IssueFilter.parse("label:epic:*").test(AUTH, false)).isTrue();
        assertThat(IssueFilter.parse("label:*:task").test(AUTH, false)).isTrue();
        assertThat(IssueFilter.parse("label:epic:billing|type:*").test(AUTH, false)).isTrue();
        assertThat(IssueFilter.parse("label:epic.auth").test(AUTH, false)).isFalse(); // '.' is literal
    }

    @Test
    void assigneeAndBlocked() {
        assertThat(IssueFilter.parse("assignee:none").test(AUTH, false)).isTrue();
        Issue mine = AUTH.withAssignee("agent:w1");
        assertThat(IssueFilter.parse("assignee:none").test(mine, false)).isFalse();
        assertThat(IssueFilter.parse("assignee:agent:w1|none").test(mine, false)).isTrue();
        IssueFilter blocked = IssueFilter.parse("blocked:true");
        assertThat(blocked.needsBlocked()).isTrue();
        assertThat(blocked.test(AUTH, true)).isTrue();
        assertThat(blocked.test(AUTH, false)).isFalse();
        assertThat(IssueFilter.parse("priority:high").and(blocked).test(AUTH, false)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"priority", "priority:", ":high", "colour:red", "state:sideways", "priority:urgent",
            "blocked:maybe", "state:ready,,priority:high"})
    void badExpressionsAreInvalidArgumentOrState(String expression) {
        assertThatThrownBy(() -> IssueFilter.parse(expression)).isInstanceOfSatisfying(JitException.class, e -> {
            assertThat(e.code()).isIn(ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_STATE);
            assertThat(e.code().exitCode()).isEqualTo(2);
        });
    }

    @Test
    void globsMatchLikeTheirRegularExpression() {
        List<String> globs = List.of("epic:*", "*", "**", "epic:auth", "*:auth", "e*c:a*h", "*a*a*", "a*b*c", "ab*ba",
                "*x", "x*", "epic:*:v2", "");
        List<String> labels = List.of("epic:auth", "epic:", "epic:auth:v2", "team:auth", "abba", "aba", "abcbc", "x",
                "", "a", "ec:ah", "epic:x:v2");
        for (String glob : globs) {
            StringBuilder regex = new StringBuilder();
            String[] pieces = glob.split("\\*", -1);
            for (int k = 0; k < pieces.length; k++) {
                regex.append(k == 0 ? "" : ".*").append(java.util.regex.Pattern.quote(pieces[k]));
            }
            for (String label : labels) {
                assertThat(IssueFilter.globMatches(glob, label)).as("%s ~ %s", glob, label)
                        .isEqualTo(label.matches(regex.toString()));
            }
        }
    }
}
