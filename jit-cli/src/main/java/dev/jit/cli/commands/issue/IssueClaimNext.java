package dev.jit.cli.commands.issue;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.core.query.IssueFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit issue claim-next}. */
@Command(name = "claim-next", description = {"Claim the most urgent ready issue (ties: oldest first).",
        "Exits 1 with 'No ready issues available' when nothing matches."}, mixinStandardHelpOptions = true)
public final class IssueClaimNext extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ASSIGNEE", description = "type:identifier, e.g. agent:worker-1")
    String assignee;

    @Option(names = {"-f", "--filter"}, paramLabel = "EXPR",
            description = "Only issues matching EXPR, e.g. 'priority:high|critical' or 'label:epic:auth'")
    String filter;

    @Override
    protected void run() {
        var outcome = jit().issues().claimNext(assignee, IssueFilter.parse(filter));
        if (!json() && !terminal()) {
            out().println(outcome.issue().id());
            return;
        }
        report("Claimed issue: " + outcome.issue().id(), outcome);
    }
}
