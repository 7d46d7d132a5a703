package dev.jit.core.store;

import dev.jit.core.model.Issue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Loads issue files, skipping damaged or missing ones with a warning. */
final class IssueLoader {
    private final StorePaths paths;
    private final Consumer<String> warnings;

    IssueLoader(StorePaths paths, Consumer<String> warnings) {
        this.paths = paths;
        this.warnings = warnings;
    }

    List<Issue> loadAll(List<String> ids) {
        List<Issue> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            Issue issue = loadOrWarn(id);
            if (issue != null) {
                out.add(issue);
            }
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
}
