package dev.jit.cli.commands.query;

import dev.jit.cli.support.IssueText;
import dev.jit.cli.support.ListCommand;
import dev.jit.cli.support.Output;
import dev.jit.core.query.IssueFilter;
import dev.jit.core.Queries.IssueView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared body of the query commands that answer with a list of issues. */
abstract class IssueListing extends ListCommand {
    /**
     * Prints {@code all} (the first {@code --limit} of them) under {@code key: value} in JSON ({"key", "issues",
     * "count", "total"}) or as a list.
     */
    void print(String key, String value, List<IssueView> all) {
        List<IssueView> views = limited(all);
        if (!json()) {
            IssueText.printList(out(), views, terminal());
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (key != null) {
            data.put(key, value);
        }
        data.put("issues", issuesJson(views));
        data.put("count", views.size());
        data.put("total", all.size());
        Output.success(out(), data);
    }

    void printMatching(String key, String value, IssueFilter filter) {
        print(key, value, jit().queries().list(filter));
    }
}
