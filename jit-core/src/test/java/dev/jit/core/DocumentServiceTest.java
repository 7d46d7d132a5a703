package dev.jit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.model.DocumentReference;
import dev.jit.core.model.Issue;
import dev.jit.core.internal.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Document references against a real git repository; the store lives in a sub-directory of it. */
class DocumentServiceTest {
    @TempDir
    Path tmp;

    GitFixture repo;
    Store store;
    Documents docs;
    Issue issue;
    String first;
    String second;

    @BeforeEach
    void setUp() {
        repo = new GitFixture(tmp);
        first = repo.write("docs/design.md", "# Design\none\ntwo\nthree\nfour\nfive\nsix\nseven\n").commit("design v1");
        second = repo.write("docs/design.md", "# Design\none\ntwo\nTHREE\nfour\nfive\nsix\nseven\n")
                .write("README.md", "hello\n").commit("design v2");
        store = TestStores.init(tmp.resolve("service/api/.jit")).store();
        docs = TestStores.jit(store).documents();
        issue = TestStores.jit(store).issues().create(new Issues.NewIssue("Doc work", null, null, null, null, null));
    }

    @Test
    void findsTheRepositoryByWalkingUpFromTheStore() throws Exception {
        assertThat(docs.git().root().toRealPath()).isEqualTo(tmp.toRealPath());
    }

    @Test
    void addPinsToTheFullHashAndReplacesAnEarlierLink() {
        Issue updated = docs.add(issue.id().substring(0, 6), "docs/design.md", first.substring(0, 7), "Design", "design");
        assertThat(updated.documents()).containsExactly(new DocumentReference("docs/design.md", first, "Design", "design"));
        updated = docs.add(issue.id(), "./docs/../docs/design.md", null, null, null);
        assertThat(updated.documents()).containsExactly(new DocumentReference("docs/design.md", null, null, null));
        String absolute = tmp.resolve("README.md").toString();
        assertThat(docs.add(issue.id(), absolute, null, null, null).documents()).extracting(DocumentReference::path)
                .containsExactly("docs/design.md", "README.md");
        assertThat(docs.list(issue.id())).hasSize(2);
        assertThat(docs.remove(issue.id(), "README.md").documents()).extracting(DocumentReference::path)
                .containsExactly("docs/design.md");
        assertCode(ErrorCode.DOCUMENT_NOT_FOUND, () -> docs.remove(issue.id(), "README.md"));
    }

    @Test
    void rejectsBadPathsAndRevisionsWithoutChangingAnything() throws Exception {
        byte[] before = Files.readAllBytes(store.paths().issue(issue.id()));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> docs.add(issue.id(), "../outside.md", null, null, null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> docs.add(issue.id(), "/etc/passwd", null, null, null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> docs.add(issue.id(), ".git/config", null, null, null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> docs.add(issue.id(), "docs/design.md", "--output=x", null, null));
        assertCode(ErrorCode.DOCUMENT_NOT_FOUND, () -> docs.add(issue.id(), "docs/nope.md", null, null, null));
        assertCode(ErrorCode.DOCUMENT_NOT_FOUND, () -> docs.add(issue.id(), "README.md", first, null, null));
        assertCode(ErrorCode.NOT_FOUND, () -> docs.add(issue.id(), "README.md", "0000000", null, null));
        assertCode(ErrorCode.ISSUE_NOT_FOUND, () -> docs.add("ffffffff", "README.md", null, null, null));
        assertThat(Files.readAllBytes(store.paths().issue(issue.id()))).isEqualTo(before);
    }

    @Test
    void showReadsCommittedContentUnlessAskedForTheWorkTree() throws Exception {
        docs.add(issue.id(), "docs/design.md", null, null, null);
        repo.write("docs/design.md", "uncommitted\n");
        Documents.Content head = docs.show(issue.id(), "docs/design.md", null, false);
        assertThat(head.revision()).isEqualTo("HEAD");
        assertThat(head.commit()).isEqualTo(second);
        assertThat(head.text()).contains("THREE");
        assertThat(docs.show(issue.id(), "docs/design.md", "HEAD~1", false).text()).contains("three").doesNotContain("THREE");
        assertThat(docs.show(issue.id(), "docs/design.md", null, true).text()).isEqualTo("uncommitted\n");
        docs.add(issue.id(), "docs/design.md", first, null, null);
        assertThat(docs.show(issue.id(), "docs/design.md", null, false).commit()).isEqualTo(first);
        assertCode(ErrorCode.NOT_FOUND, () -> docs.show(issue.id(), "docs/design.md", "no-such-branch", false));
        assertCode(ErrorCode.DOCUMENT_NOT_FOUND, () -> docs.show(issue.id(), "README.md", null, false));
    }

    @Test
    void worktreeReadsDoNotFollowSymlinksOutOfTheRepository() throws Exception {
        Path outside = Files.createTempFile("secret", ".txt");
        try {
            Files.writeString(outside, "secret\n");
            Files.createSymbolicLink(tmp.resolve("link.md"), outside);
            repo.commit("link");
            docs.add(issue.id(), "link.md", null, null, null);
            assertCode(ErrorCode.INVALID_ARGUMENT, () -> docs.show(issue.id(), "link.md", null, true));
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void historyAndUnifiedDiff() {
        docs.add(issue.id(), "docs/design.md", first, null, null);
        List<Documents.Commit> history = docs.history(issue.id(), "docs/design.md");
        assertThat(history).extracting(Documents.Commit::sha).containsExactly(second, first);
        assertThat(history.get(0).message()).isEqualTo("design v2");
        assertThat(history.get(0).author()).isEqualTo("Ada Tester");
        assertThat(history.get(0).shortSha()).isEqualTo(second.substring(0, 7));

        Documents.Diff diff = docs.diff(issue.id(), "docs/design.md", null, null, false);
        assertThat(diff.text()).startsWith("diff --git a/docs/design.md b/docs/design.md\n")
                .contains("--- a/docs/design.md\n+++ b/docs/design.md\n")
                .containsPattern("(?m)^@@ -\\d+,\\d+ \\+\\d+,\\d+ @@")
                .contains("\n-three\n+THREE\n")
                .doesNotContain(" seven"); // only the hunk's three lines of context, not the whole file
        repo.write("docs/design.md", "# Design\none\ntwo\nTHREE\nfour\nfive\nsix\nseven\neight\n");
        assertThat(docs.diff(issue.id(), "docs/design.md", "HEAD", null, true).text()).contains("+eight\n");
        assertThat(docs.diff(issue.id(), "docs/design.md", "HEAD", "HEAD", false).text()).isEmpty();
        docs.add(issue.id(), "README.md", null, null, null);
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> docs.diff(issue.id(), "README.md", null, null, false));
    }

    @Test
    void validationReportsBrokenReferencesAndResolvesShortHashes() throws Exception {
        docs.add(issue.id(), "docs/design.md", first, null, null);
        assertThat(TestStores.jit(store).validation().check().valid()).isTrue();
        // Hand-edit the issue file the way an older version or a human would: short hash, missing paths.
        Path file = store.paths().issue(issue.id());
        String json = Files.readString(file);
        String edited = json.replace("\"documents\" : [ ]", "").replace(first, first.substring(0, 8));
        edited = edited.replaceFirst("\"documents\"\\s*:\\s*\\[", "\"documents\": [{\"path\":\"README.md\",\"commit\":\""
                + first.substring(0, 8) + "\"},{\"path\":\"docs/gone.md\"},{\"path\":\"docs/design.md\",\"commit\":\"abcdef1234\"},");
        Files.writeString(file, edited);
        Validation.Report report = TestStores.jit(store).validation().check();
        assertThat(report.problems()).extracting(Validation.Problem::code).containsOnly("broken_document_reference");
        assertThat(report.problems()).extracting(Validation.Problem::message).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).contains("README.md does not exist at commit " + first.substring(0, 8)),
                m -> assertThat(m).contains("docs/gone.md does not exist at HEAD"),
                m -> assertThat(m).contains("commit abcdef1234 does not exist"));
        assertThat(report.problems()).allSatisfy(p -> assertThat(p.issueId()).isEqualTo(issue.id()));
    }

    private static void assertCode(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(JitException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
