package dev.jit.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.TestStores;
import dev.jit.core.model.Issue;
import dev.jit.core.query.IssueFilter;
import dev.jit.core.service.IssueService;
import dev.jit.core.service.QueryService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After the commit point a command is done: a failure while applying it (here the event log cannot be
 * appended to, as on a full disk) is a warning, readers see the committed files, and the next command
 * appends the missing events exactly once. (The full disk itself, before the commit point, is tested with
 * a real tmpfs by jit-cli's FailingDiskIT.)
 */
class CommitPointTest {
    @TempDir
    Path tmp;

    @Test
    void aFailureAfterTheCommitPointIsReportedAsDoneAndCompletedByTheNextCommand() throws Exception {
        Path dir = tmp.resolve(".jit");
        TestStores.Opened s = TestStores.init(dir);
        IssueService issues = new IssueService(s.store());
        issues.create(new IssueService.NewIssue("A", null, null, null, null, null));
        Path log = dir.resolve("events.jsonl");
        byte[] logBefore = Files.readAllBytes(log);
        Files.delete(log);
        Files.createDirectory(log); // appending to it fails, as the append on a full disk does

        Issue b = issues.create(new IssueService.NewIssue("B", null, null, null, null, null));
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).startsWith("the change is saved")
                .contains("the next jit command completes it"));
        assertThat(dir.resolve(".journal.json")).exists();

        s.warnings().clear();
        assertThat(new QueryService(s.store()).list(IssueFilter.ALL)).extracting(v -> v.issue().title())
                .containsExactly("A", "B");
        assertThat(s.warnings()).singleElement().satisfies(w -> assertThat(w).contains("not fully applied"));

        Files.delete(log);
        Files.write(log, logBefore);
        issues.create(new IssueService.NewIssue("C", null, null, null, null, null));
        assertThat(dir.resolve(".journal.json")).doesNotExist();
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
        String events = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(events).startsWith(new String(logBefore, StandardCharsets.UTF_8));
        assertThat(events.split("\n")).filteredOn(line -> line.contains("issue_created") && line.contains(b.id()))
                .hasSize(1);
    }
}
