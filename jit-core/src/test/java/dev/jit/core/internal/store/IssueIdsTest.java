package dev.jit.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jit.core.TestStores;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.Issues;
import dev.jit.core.Queries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IssueIdsTest {
    @TempDir
    Path tmp;

    private static final List<String> KNOWN = List.of(
            "9db27a3a-86c5-4d79-9582-9ad68364ea36",
            "9db2ffff-0000-4000-8000-000000000000",
            "14303b30-75b2-4b21-8963-bc6563b95b91");

    @ParameterizedTest
    @ValueSource(strings = {"../x", "..", "a/b", "a\\b", "", " ", "/etc/passwd", ".hidden", "a..b", "x\u0000y",
            "abcd efgh"})
    void rejectsIdsThatCouldEscapeTheStore(String id) {
        assertThat(IssueIds.isValid(id)).isFalse();
        assertThatThrownBy(() -> IssueIds.resolve(id, KNOWN, false))
                .isInstanceOfSatisfying(JitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void acceptsUuids() {
        assertThat(IssueIds.isValid(IssueIds.newId())).isTrue();
        assertThat(IssueIds.newId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void resolvesUniquePrefixCaseInsensitively() {
        assertThat(IssueIds.resolve("1430", KNOWN, false)).isEqualTo(KNOWN.get(2));
        assertThat(IssueIds.resolve("9DB27", KNOWN, false)).isEqualTo(KNOWN.get(0));
        assertThat(IssueIds.resolve(KNOWN.get(1), KNOWN, true)).isEqualTo(KNOWN.get(1));
    }

    @Test
    void ambiguousPrefixListsCandidates() {
        assertThatThrownBy(() -> IssueIds.resolve("9db2", KNOWN, false))
                .isInstanceOfSatisfying(JitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AMBIGUOUS_ID);
                    assertThat(e.getMessage()).contains(KNOWN.get(0), KNOWN.get(1)).doesNotContain(KNOWN.get(2));
                    assertThat(e.details().get("candidates")).isEqualTo(List.of(KNOWN.get(0), KNOWN.get(1)));
                });
    }

    @Test
    void tooShortAndUnknownPrefixes() {
        assertThatThrownBy(() -> IssueIds.resolve("143", KNOWN, false))
                .isInstanceOfSatisfying(JitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("too short", "4");
                });
        assertThatThrownBy(() -> IssueIds.resolve("ffff", KNOWN, false))
                .isInstanceOfSatisfying(JitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ISSUE_NOT_FOUND));
    }

    /** Through the store: a traversal id is refused before any file is touched. */
    @Test
    void storeLookupsRejectTraversalWithoutTouchingFiles() throws Exception {
        TestStores.Opened s = TestStores.init(tmp.resolve(".jit"));
        Files.writeString(tmp.resolve("secret.json"), "{\"id\":\"secret\",\"title\":\"outside\"}");
        Queries q = s.jit().queries();
        for (String bad : List.of("../secret", "../../secret", "issues/../../secret")) {
            assertThatThrownBy(() -> q.show(bad)).isInstanceOfSatisfying(JitException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
        String id = s.jit().issues().create(new Issues.NewIssue("t", null, null, null, null, null)).id();
        assertThat(q.show(id.substring(0, 6)).issue().id()).isEqualTo(id);
        try (var files = Files.list(tmp.resolve(".jit/issues"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(id + ".json");
        }
    }
}
