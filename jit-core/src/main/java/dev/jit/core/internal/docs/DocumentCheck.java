package dev.jit.core.internal.docs;

import dev.jit.core.model.DocumentReference;
import dev.jit.core.model.Issue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds broken document references: a pinned commit that does not exist (short hashes are resolved by
 * git, ambiguous ones count as broken), or a path missing at the pinned commit or, unpinned, at HEAD.
 * All references are checked with one {@code git cat-file --batch-check} run.
 */
public final class DocumentCheck {
    private DocumentCheck() {
    }

    public record Broken(String issueId, DocumentReference reference, String reason) {
    }

    public static List<Broken> check(Git git, Collection<Issue> issues) {
        List<Broken> broken = new ArrayList<>();
        List<Issue> owners = new ArrayList<>();
        List<DocumentReference> refs = new ArrayList<>();
        StringBuilder batch = new StringBuilder();
        for (Issue issue : issues) {
            for (DocumentReference d : issue.documents()) {
                String rev = d.commit() == null ? "HEAD" : d.commit();
                if ((rev + d.path()).chars().anyMatch(c -> c < 0x20)) {
                    broken.add(new Broken(issue.id(), d, "contains control characters"));
                    continue;
                }
                owners.add(issue);
                refs.add(d);
                batch.append(rev).append("^{commit}\n").append(rev).append(':').append(d.path()).append('\n');
            }
        }
        if (refs.isEmpty()) {
            return broken;
        }
        Git.Result r = git.run(batch.toString(), "cat-file", "--batch-check");
        List<String> lines = r.text().lines().toList();
        for (int k = 0; k < refs.size(); k++) {
            DocumentReference d = refs.get(k);
            String commitLine = 2 * k < lines.size() ? lines.get(2 * k) : "missing";
            String pathLine = 2 * k + 1 < lines.size() ? lines.get(2 * k + 1) : "missing";
            String where = d.commit() == null ? "HEAD" : "commit " + d.commit();
            if (!commitLine.endsWith(" commit") && !commitLine.contains(" commit ")) {
                broken.add(new Broken(owners.get(k).id(), d, d.commit() == null ? "the repository has no commits"
                        : commitLine.endsWith("ambiguous") ? "commit " + d.commit() + " is ambiguous"
                        : "commit " + d.commit() + " does not exist"));
            } else if (pathLine.endsWith(" missing") || pathLine.endsWith(" ambiguous")) {
                broken.add(new Broken(owners.get(k).id(), d, d.path() + " does not exist at " + where));
            } else if (!pathLine.contains(" blob ")) {
                broken.add(new Broken(owners.get(k).id(), d, d.path() + " is not a file at " + where));
            }
        }
        return broken;
    }
}
