package dev.jit.cli.commands.issue;

import dev.jit.cli.support.FilteredIssueCommand;
import dev.jit.cli.support.IssueText;
import dev.jit.cli.support.Output;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.Queries;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code jit issue list}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "list", description = {"List issues in creation order, optionally filtered (filters are ANDed).",
        "On a terminal prints a table; in a pipe prints one id per line."}, mixinStandardHelpOptions = true)
public final class IssueList extends FilteredIssueCommand {
    @Override
    protected void run() {
        List<Queries.IssueView> all = jit().queries().list(issueFilter());
        List<Queries.IssueView> views = limited(all);
        if (json()) {
            java.util.Map<String, Object> data = IssueText.listJson(views);
            data.put("issues", issuesJson(views));
            if (views.size() < all.size()) {
                data.put("total", all.size());
            }
            Output.success(out(), data);
        } else {
            IssueText.printList(out(), views, terminal());
        }
    }
}
