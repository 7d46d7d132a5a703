package dev.jit.cli.commands.issue;

import dev.jit.cli.support.Durations;
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

    @Option(names = "--ttl", paramLabel = "DURATION", description = {"Lease: the claim lapses this long after "
            + "the last 'jit issue heartbeat' (90s, 15m, 2h, 1d; a bare number is seconds; 0: no lease).",
            "Default: the store's [coordination] default_ttl_secs for agents, no lease for human: assignees."})
    String ttl;

    @Override
    protected boolean printsOnlyWhatScriptsNeed() {
        return true;
    }

    @Override
    protected void run() {
        var outcome = jit().issues().claimNext(assignee, IssueFilter.parse(filter), Durations.parse(ttl, "--ttl"));
        if (!json() && (!terminal() || quiet())) {
            out().println(outcome.issue().id());
            return;
        }
        report("Claimed issue: " + outcome.issue().id(), outcome);
    }
}
