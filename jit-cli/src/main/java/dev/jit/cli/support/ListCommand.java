package dev.jit.cli.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.Presentation;
import dev.jit.core.Queries.IssueView;
import dev.jit.core.error.JitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Base of the commands that answer with a list of issues: {@code --limit} to take the first N, {@code --fields}
 * to keep only some keys of each issue in JSON (what an agent's context window has room for; the MCP list tools
 * take them as {@code limit} and {@code fields}). A superclass rather than a {@code @Mixin}, as
 * {@link FilteredIssueCommand} says.
 */
public abstract class ListCommand extends JitSubcommand {
    /** The keys of an issue in JSON output, as {@link Presentation#issue(dev.jit.core.model.Issue, boolean)} writes them. */
    private static final Set<String> ISSUE_KEYS = Set.of("id", "title", "description", "state", "priority",
            "assignee", "lease", "dependencies", "gates_required", "gates_status", "context", "documents", "labels",
            "created_at", "updated_at", "blocked", "blocked_reasons");

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N issues (the JSON's count is the "
            + "number shown; total is how many matched)")
    Integer limit;

    @Option(names = "--fields", paramLabel = "KEYS", split = ",", description = "JSON: only these keys of each issue, "
            + "e.g. id,title,state (id is always kept)")
    List<String> fields;

    /** The first {@code --limit} of {@code all}. */
    protected <T> List<T> limited(List<T> all) {
        if (limit == null) {
            return all;
        }
        if (limit < 1) {
            throw JitException.invalidArgument("--limit takes a number of issues from 1 up, not " + limit);
        }
        return all.size() <= limit ? all : all.subList(0, limit);
    }

    /** Each view as JSON, cut down to {@code --fields}. */
    protected List<ObjectNode> issuesJson(List<IssueView> views) {
        List<ObjectNode> out = new ArrayList<>(views.size());
        for (ObjectNode issue : Presentation.issues(views)) {
            out.add(projected(issue));
        }
        return out;
    }

    /** {@code issue} cut down to {@code --fields} (all of it without the option). */
    protected ObjectNode projected(ObjectNode issue) {
        if (fields == null || fields.isEmpty()) {
            return issue;
        }
        for (String f : fields) {
            if (!ISSUE_KEYS.contains(f.strip())) {
                throw JitException.invalidArgument("--fields: no issue key '" + f + "'",
                        "Keys: " + String.join(", ", new java.util.TreeSet<>(ISSUE_KEYS)));
            }
        }
        ObjectNode kept = issue.objectNode();
        kept.set("id", issue.get("id"));
        for (String f : fields) {
            if (issue.has(f.strip())) {
                kept.set(f.strip(), issue.get(f.strip()));
            }
        }
        return kept;
    }
}
