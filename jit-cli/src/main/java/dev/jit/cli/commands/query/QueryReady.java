package dev.jit.cli.commands.query;

import dev.jit.cli.support.IssueText;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.query.IssueFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jit query ready}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "ready", aliases = "available", description = "Issues an agent can take now (ready, unassigned, unblocked), most urgent "
        + "first, then oldest.", mixinStandardHelpOptions = true)
public final class QueryReady extends IssueListing {
    @Option(names = {"-f", "--filter"}, paramLabel = "EXPR", description = "Only issues matching EXPR, e.g. 'label:epic:auth'")
    String filter;

    @Override
    protected void run() {
        print(null, null, IssueText.unblockedViews(jit().queries().ready(IssueFilter.parse(filter))));
    }
}
