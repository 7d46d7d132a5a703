package dev.jit.cli.commands.query;

import dev.jit.cli.support.Candidates;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.model.Priority;
import dev.jit.core.query.IssueFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit query priority}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "priority", description = "Issues with PRIORITY.", mixinStandardHelpOptions = true)
public final class QueryPriority extends IssueListing {
    @Parameters(index = "0", paramLabel = "PRIORITY", completionCandidates = Candidates.Priorities.class, description = "low, normal, high or critical")
    String priority;

    @Override
    protected void run() {
        Priority p = Priority.parse(priority);
        printMatching("priority", p.wire(), IssueFilter.parse("priority:" + p.wire()));
    }
}
