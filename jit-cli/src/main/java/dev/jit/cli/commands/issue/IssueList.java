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
        List<Queries.IssueView> views = jit().queries().list(issueFilter());
        if (json()) {
            Output.success(out(), IssueText.listJson(views));
        } else {
            IssueText.printList(out(), views, terminal());
        }
    }
}
