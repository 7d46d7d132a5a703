package dev.jit.cli.commands.query;

import dev.jit.cli.support.StoreEffect;
import dev.jit.core.query.IssueFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit query assignee}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "assignee", description = "Issues assigned to ASSIGNEE (exact match).", mixinStandardHelpOptions = true)
public final class QueryAssignee extends IssueListing {
    @Parameters(index = "0", paramLabel = "ASSIGNEE", description = "e.g. agent:worker-1")
    String assignee;

    @Override
    protected void run() {
        print("assignee", assignee, jit().queries().list(IssueFilter.ALL).stream()
                .filter(v -> assignee.equals(v.issue().assignee())).toList());
    }
}
