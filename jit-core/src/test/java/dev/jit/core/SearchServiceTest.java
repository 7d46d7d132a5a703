package dev.jit.core;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.model.Issue;
import dev.jit.core.Search.Line;
import dev.jit.core.Search.Query;
import dev.jit.core.query.GlobPattern;
import dev.jit.core.Search.Result;
import dev.jit.core.internal.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SearchServiceTest {
    @TempDir
    Path tmp;

    Store store;
    Search search;
    Issue auth;
    Issue cache;

    @BeforeEach
    void setUp() {
        GitFixture repo = new GitFixture(tmp);
        repo.write("docs/auth.md", "# Auth\nTokens expire.\nRefresh TOKEN rotation\nend\n")
                .write("notes/cache.txt", "token bucket\n").commit("docs");
        store = TestStores.init(tmp.resolve(".jit")).store();
        Issues issues = TestStores.jit(store).issues();
        auth = issues.create(new Issues.NewIssue("Add token refresh", "line one\nthe token dies\nline three\nline four",
                null, null, List.of("epic:auth"), Map.of("design", "see token notes")));
        cache = issues.create(new Issues.NewIssue("Cache layer", "nothing here", null, null,
                List.of("area:token-store"), null));
        Documents docs = TestStores.jit(store).documents();
        docs.add(auth.id(), "docs/auth.md", null, null, null);
        docs.add(cache.id(), "docs/auth.md", null, null, null);
        docs.add(cache.id(), "notes/cache.txt", null, null, null);
        search = TestStores.jit(store).search();
    }

    static Query q(String text) {
        return new Query(text, false, false, 0, 0, null);
    }

    @Test
    void searchesEveryFieldAndLinkedDocumentsOnce() {
        List<Result> results = search.search(q("token")).results();
        assertThat(results).extracting(r -> r.field() + "@" + (r.path() == null ? r.issueId() : r.path()) + ":" + r.lineNumber())
                .containsExactly(
                        "title@" + auth.id() + ":1",
                        "description@" + auth.id() + ":2",
                        "context.design@" + auth.id() + ":1",
                        "label@" + cache.id() + ":1",
                        "document@docs/auth.md:2",
                        "document@docs/auth.md:3",
                        "document@notes/cache.txt:1");
        Result shared = results.get(4);
        assertThat(shared.issueIds()).containsExactly(auth.id(), cache.id());
        assertThat(shared.text()).isEqualTo("Tokens expire.");
        assertThat(shared.matches()).containsExactly(new Search.Span(0, 5));
    }

    @Test
    void withinSearchesOnlyTheGivenIssuesAndTheDocumentsTheyLink() {
        List<Result> results = search.search(new Query("token", false, false, 0, 0, null, java.util.Set.of(cache.id())))
                .results();
        assertThat(results).extracting(r -> r.field() + "@" + (r.path() == null ? r.issueId() : r.path()) + ":" + r.lineNumber())
                .containsExactly(
                        "label@" + cache.id() + ":1",
                        "document@docs/auth.md:2",
                        "document@docs/auth.md:3",
                        "document@notes/cache.txt:1");
        // a document both link names only the issue searched
        assertThat(results.get(1).issueIds()).containsExactly(cache.id());
        assertThat(search.search(new Query("token", false, false, 0, 0, null, java.util.Set.of())).total()).isZero();
    }

    @Test
    void caseRegexContextLimitAndGlob() {
        assertThat(search.search(new Query("TOKEN", false, true, 0, 0, null)).results())
                .extracting(Result::text).containsExactly("Refresh TOKEN rotation");
        assertThat(search.search(new Query("t[o0]ken\\s+(dies|bucket)", true, false, 0, 0, null)).results())
                .extracting(Result::text).containsExactly("the token dies", "token bucket");
        Result withContext = search.search(new Query("dies", false, false, 1, 0, null)).results().get(0);
        assertThat(withContext.before()).containsExactly(new Line(1, "line one"));
        assertThat(withContext.after()).containsExactly(new Line(3, "line three"));
        Search.Results limited = search.search(new Query("token", false, false, 0, 2, null));
        assertThat(limited.results()).hasSize(2);
        assertThat(limited.total()).isEqualTo(7);
        assertThat(limited.truncated()).isTrue();
        assertThat(search.search(new Query("token", false, false, 0, 0, "docs/**")).results())
                .extracting(Result::path).containsExactly("docs/auth.md", "docs/auth.md");
        assertThat(search.search(q("no such words")).total()).isZero();
    }

    @Test
    void invalidRegexIsAnInvalidArgumentNamingTheProblem() {
        assertThatThrownBy(() -> search.search(new Query("(unclosed", true, false, 0, 0, null)))
                .isInstanceOfSatisfying(JitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("Invalid regex: missing closing )");
                });
        assertThatThrownBy(() -> search.search(new Query("x", false, false, 0, 0, "[")))
                .isInstanceOfSatisfying(JitException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("Invalid glob '[': missing ']'").doesNotContain("\n"));
        // Without --regex the same text is literal.
        assertThat(search.search(q("(unclosed")).total()).isZero();
    }

    @Test
    void patternsThatNeedBacktrackingAreRefusedWithTheReason() {
        for (String needsBacktracking : List.of("(a)\\1", "token(?=s)", "(?<!x)token")) {
            assertThatThrownBy(() -> search.search(new Query(needsBacktracking, true, false, 0, 0, null)))
                    .isInstanceOfSatisfying(JitException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).startsWith("Invalid regex: ").contains(needsBacktracking)
                                .contains("backreferences and lookaround are not supported").doesNotContain("\n");
                    });
        }
    }

    /**
     * A backtracking engine needs about n^10 steps for (.*a){10}x on n a's (java.util.regex takes minutes at
     * n = 40; n = 5000 here); (a+)+$, which Java 17 memoizes, must be quick too.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang guard, not a measurement
    void aCatastrophicBacktrackingPatternFinishes() {
        TestStores.jit(store).issues().create(new Issues.NewIssue("aaaa", "a".repeat(5000) + "b", null, null, null,
                null));
        assertThat(search.search(new Query("(.*a){10}x", true, false, 0, 0, null)).total()).isZero();
        assertThat(search.search(new Query("(a+)+$", true, false, 0, 0, null)).results())
                .extracting(Result::field).containsExactly("title");
        assertThat(search.search(new Query("^(a|aa)+c", true, false, 0, 0, null)).total()).isZero();
    }

    @Test
    void globsMatchLikeTheJdksPathMatcherInLinearTime() {
        assertThat(GlobPattern.compile("docs/**").matches("docs/a/b.md")).isTrue();
        assertThat(GlobPattern.compile("docs/*").matches("docs/a/b.md")).isFalse();
        assertThat(GlobPattern.compile("docs/*.md").matches("docs/b.md")).isTrue();
        assertThat(GlobPattern.compile("**/*.{md,txt}").matches("notes/x/cache.txt")).isTrue();
        assertThat(GlobPattern.compile("notes/[!a-c]ache.txt").matches("notes/cache.txt")).isFalse();
        assertThat(GlobPattern.compile("notes/[a-c]ache.tx?").matches("notes/cache.txt")).isTrue();
        assertThat(GlobPattern.compile("a\\*b").matches("a*b")).isTrue();
        assertThat(GlobPattern.compile("a.b").matches("axb")).isFalse();
        assertThat(GlobPattern.compile("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b").matches("a".repeat(3000)))
                .isFalse();
        assertThatThrownBy(() -> GlobPattern.compile("{a,{b}}")).hasMessage("Invalid glob '{a,{b}}': groups '{…}' cannot be nested");
    }
}
