package dev.jit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.model.Issue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Readers take what jit's own commits changed from the snapshot cache's delta, never from re-parsed issue files,
 * and rewrite the snapshot once the delta has grown.
 */
class IssueCacheCompactionTest extends ServiceTestBase {

    @Test
    void readersTakeCommittedChangesFromTheDeltaAndCompactIt() throws Exception {
        List<Issue> all = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            all.add(create("issue " + k));
        }
        Path delta = store.paths().cacheDir().resolve("delta.bin");
        Path snapshot = store.paths().cacheDir().resolve("issues.bin");
        titles();
        assertThat(snapshot).exists();
        long largestDelta = 0;
        int compactions = 0;
        for (int k = 0; k < 80; k++) {
            String id = all.get(k).id();
            issues.update(id, new Issues.Edit("renamed " + k, null, null, null, null, null, null, null));
            boolean hadDelta = Files.exists(delta);
            largestDelta = Math.max(largestDelta, hadDelta ? Files.size(delta) : 0);
            // Rewritten in place, the directory untouched: a reader that re-read this file would see "tampered".
            Path file = store.paths().issue(id);
            Files.writeString(file, Files.readString(file).replace("renamed " + k, "tampered " + k));
            List<Issue> listed = titles();
            assertThat(listed).filteredOn(i -> i.id().equals(id))
                    .singleElement().extracting(Issue::title).isEqualTo("renamed " + k);
            if (hadDelta && !Files.exists(delta)) {
                compactions++;
            }
        }
        assertThat(largestDelta).as("the delta holds the changed issues").isPositive();
        assertThat(compactions).as("readers rewrote the snapshot as the delta grew").isBetween(2, 3);
        assertThat(titles()).extracting(Issue::title).contains("renamed 0", "renamed 79", "issue 99");
    }

    @Test
    void aDamagedDeltaOnlyCostsARebuildFromTheFiles() throws Exception {
        Issue first = create("first");
        titles();
        issues.update(first.id(), new Issues.Edit("second", null, null, null, null, null, null, null));
        Path delta = store.paths().cacheDir().resolve("delta.bin");
        byte[] bytes = Files.readAllBytes(delta);
        bytes[bytes.length - 3] ^= 0x5a; // one flipped byte in the record: its checksum no longer matches
        Files.write(delta, bytes);
        assertThat(titles()).extracting(Issue::title).containsExactly("second");
        Files.write(delta, new byte[] {0, 0, 0, 9, 1}); // a torn record
        assertThat(titles()).extracting(Issue::title).containsExactly("second");
    }

    private List<Issue> titles() {
        return query.list(dev.jit.core.query.IssueFilter.ALL).stream().map(Queries.IssueView::issue).toList();
    }
}
