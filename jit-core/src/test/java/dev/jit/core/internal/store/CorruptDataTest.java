package dev.jit.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jit.core.TestStores;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.model.Issue;
import dev.jit.core.query.IssueFilter;
import dev.jit.core.Issues;
import dev.jit.core.Queries;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptDataTest {
    @TempDir
    Path tmp;

    @Test
    void corruptIssueFileIsSkippedByListsAndReportedByGet() throws Exception {
        TestStores.Opened s = TestStores.init(tmp.resolve(".jit"));
        Issues issues = s.jit().issues();
        Issue good = issues.create(new Issues.NewIssue("good", null, null, null, null, null));
        Issue bad = issues.create(new Issues.NewIssue("bad", null, null, null, null, null));
        Path badFile = tmp.resolve(".jit/issues/" + bad.id() + ".json");
        Files.writeString(badFile, "{\"id\": \"" + bad.id() + "\", \"title\": ");

        Queries q = s.jit().queries();
        assertThat(q.list(IssueFilter.ALL)).extracting(v -> v.issue().id()).containsExactly(good.id());
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains(badFile.toString()));

        assertThatThrownBy(() -> q.show(bad.id())).isInstanceOfSatisfying(JitException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_DATA);
            assertThat(e.code().exitCode()).isEqualTo(10);
            assertThat(e.getMessage()).contains(badFile.toString()).doesNotContain("\n");
            assertThat(e.details()).containsEntry("file", badFile.toString());
        });
        // Writes to other issues still work, and the damaged file is left as it was.
        issues.update(good.id(), new Issues.Edit("still good", null, null, null, null, null, null, null));
        assertThat(q.show(good.id()).issue().title()).isEqualTo("still good");
        assertThat(badFile).hasContent("{\"id\": \"" + bad.id() + "\", \"title\": ");
    }

    @Test
    void wrongStateInFileIsCorruptDataNamingTheField() throws Exception {
        TestStores.Opened s = TestStores.init(tmp.resolve(".jit"));
        Issue i = s.jit().issues().create(new Issues.NewIssue("x", null, null, null, null, null));
        Path file = tmp.resolve(".jit/issues/" + i.id() + ".json");
        Files.writeString(file, Files.readString(file).replace("\"ready\"", "\"sideways\""));
        assertThatThrownBy(() -> s.jit().queries().show(i.id()))
                .isInstanceOfSatisfying(JitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_DATA);
                    assertThat(e.getMessage()).contains("state");
                });
    }

    @Test
    void indexedButMissingFileIsSkippedWithWarningAndNotFoundOnGet() throws Exception {
        TestStores.Opened s = TestStores.init(tmp.resolve(".jit"));
        Issues issues = s.jit().issues();
        Issue a = issues.create(new Issues.NewIssue("a", null, null, null, null, null));
        Issue b = issues.create(new Issues.NewIssue("b", null, null, null, null, null));
        Files.delete(tmp.resolve(".jit/issues/" + b.id() + ".json"));

        Queries q = s.jit().queries();
        assertThat(q.list(IssueFilter.ALL)).extracting(v -> v.issue().id()).containsExactly(a.id());
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains(b.id(), "missing"));
        assertThatThrownBy(() -> q.show(b.id())).isInstanceOfSatisfying(JitException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ISSUE_NOT_FOUND));
        assertThat(q.status()).containsEntry("total", 1);
    }

    @Test
    void corruptIndexIsCorruptData() throws Exception {
        TestStores.Opened s = TestStores.init(tmp.resolve(".jit"));
        Files.writeString(tmp.resolve(".jit/index.json"), "{ nope");
        assertThatThrownBy(() -> s.jit().queries().list(IssueFilter.ALL))
                .isInstanceOfSatisfying(JitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_DATA));
    }

    /** A hand-copied issue file (cp A.json B.json) must not pose as a second copy of A. */
    @Test
    void issueFileWhoseIdDoesNotMatchItsNameIsCorrupt() throws Exception {
        TestStores.Opened s = TestStores.init(tmp.resolve(".jit"));
        Issues issues = s.jit().issues();
        Issue a = issues.create(new Issues.NewIssue("A", null, null, null, null, null));
        Issue b = issues.create(new Issues.NewIssue("B", null, null, null, null, null));
        Path bFile = tmp.resolve(".jit/issues/" + b.id() + ".json");
        Files.copy(tmp.resolve(".jit/issues/" + a.id() + ".json"), bFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Queries q = s.jit().queries();
        assertThat(q.list(IssueFilter.ALL)).extracting(v -> v.issue().id()).containsExactly(a.id());
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains(bFile.toString(), a.id()));
        assertThatThrownBy(() -> issues.update(b.id(), new Issues.Edit("x", null, null, null, null, null,
                null, null))).isInstanceOfSatisfying(JitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_DATA);
                    assertThat(e.getMessage()).contains(bFile.toString());
                });
        assertThat(q.show(a.id()).issue().title()).isEqualTo("A");
    }
}
