package dev.jit.core.internal.store;

import dev.jit.core.model.Issue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Loads issues for a transaction: through the {@link IssueCache} snapshot when it is valid, otherwise from
 * the files (rebuilding the snapshot). Damaged or missing files are skipped with a warning.
 */
final class IssueLoader {
    private final StorePaths paths;
    private final Consumer<String> warnings;
    private final IssueCache cache;

    IssueLoader(StorePaths paths, Consumer<String> warnings) {
        this.paths = paths;
        this.warnings = warnings;
        this.cache = new IssueCache(paths);
    }

    List<Issue> loadAll(List<String> ids) {
        IssueCache.Key key = currentKey();
        IssueCache.Snapshot snapshot = key == null ? null : cache.load(key);
        List<Issue> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            Issue cached = snapshot == null || snapshot.stale().contains(id) ? null : snapshot.issues().get(id);
            Issue issue = cached != null ? cached : loadOrWarn(id);
            if (issue != null) {
                out.add(issue);
            }
        }
        if (key != null && (snapshot == null || IssueCache.needsCompaction(snapshot))) {
            cache.write(key, out);
        }
        return out;
    }

    Issue loadOrWarn(String id) {
        if (!IssueIds.isValid(id)) {
            warnings.accept("skipping invalid id '" + id + "' listed in " + paths.index());
            return null;
        }
        try {
            Issue issue = StoreFiles.readIssue(paths.issue(id));
            if (issue == null) {
                warnings.accept("skipping " + id + ": listed in index.json but " + paths.issue(id) + " is missing");
            }
            return issue;
        } catch (StoreFiles.CorruptFileException e) {
            warnings.accept("skipping unreadable issue file " + e.getMessage());
            return null;
        }
    }

    /** The cache key now, or null if it cannot be read (then the cache is simply not used). */
    IssueCache.Key currentKey() {
        try {
            return cache.currentKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Tells the cache what a commit from {@code before} to the current key wrote and deleted. */
    void recordCommit(IssueCache.Key before, Map<String, Issue> written, Set<String> deleted) {
        IssueCache.Key after = currentKey();
        if (before == null || after == null) {
            return;
        }
        try {
            cache.recordCommit(before, after, written, deleted);
        } catch (IOException e) {
            // Without the delta line readers rebuild the snapshot: slower, still correct.
        }
    }
}
