package dev.jit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.model.Issue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readers keep the snapshot cache close to the files, so no read re-parses many changed issue files. */
class IssueCacheCompactionTest extends ServiceTestBase {

    @Test
    void readersRewriteTheSnapshotOnceAFewIssuesChanged() throws Exception {
        List<Issue> all = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            all.add(create("issue " + k));
        }
        Path delta = store.paths().cacheDir().resolve("delta.log");
        Path snapshot = store.paths().cacheDir().resolve("issues.bin");
        titles();
        assertThat(snapshot).exists();
        int mostStale = 0;
        for (int k = 0; k < 80; k++) {
            issues.update(all.get(k).id(), new Issues.Edit("renamed " + k, null, null, null, null, null, null,
                    null));
            List<Issue> listed = titles();
            assertThat(listed).filteredOn(i -> i.id().equals(all.get(0).id()))
                    .singleElement().extracting(Issue::title).isEqualTo("renamed 0");
            mostStale = Math.max(mostStale, Files.exists(delta) ? Files.readAllLines(delta).size() : 0);
        }
        assertThat(mostStale).as("changes a reader re-reads from files").isBetween(1, 9);
        assertThat(titles()).extracting(Issue::title).contains("renamed 79", "issue 99");
    }

    private List<Issue> titles() {
        return query.list(dev.jit.core.query.IssueFilter.ALL).stream().map(Queries.IssueView::issue).toList();
    }
}
