package dev.jit.cli.commands.issue;

import dev.jit.cli.support.FilteredIssueCommand;
import dev.jit.cli.support.IssueText;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.Queries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit issue search}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "search", description = "Find issues whose title or description contains QUERY "
        + "(case-insensitive) or whose id starts with it; the same filters as 'issue list' apply.",
        mixinStandardHelpOptions = true)
public final class IssueSearch extends FilteredIssueCommand {
    @Parameters(index = "0", arity = "0..1", defaultValue = "", paramLabel = "QUERY", description = "Text to look for (empty: all)")
    String query;

    @Override
    protected void run() {
        List<Queries.IssueView> all = jit().queries().search(query, issueFilter());
        List<Queries.IssueView> views = limited(all);
        emit(() -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("query", query);
            data.put("issues", issuesJson(views));
            data.put("count", views.size());
            data.put("total", all.size());
            return data;
        }, () -> {
            if (terminal()) {
                out().println("Found " + views.size() + " issue(s):");
            }
            IssueText.printList(out(), views, terminal());
        });
    }
}
