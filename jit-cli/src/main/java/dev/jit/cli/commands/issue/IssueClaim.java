package dev.jit.cli.commands.issue;

import dev.jit.cli.support.Durations;
import dev.jit.cli.support.JitSubcommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit issue claim}. */
@Command(name = "claim", description = {"Atomically take an unassigned, unblocked issue (ready -> in_progress).",
        "Of several processes claiming one issue exactly one succeeds; the others exit 1.",
        "A claim whose lease ran out counts as free."},
        mixinStandardHelpOptions = true)
public final class IssueClaim extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix")
    String id;

    @Parameters(index = "1", paramLabel = "ASSIGNEE", description = "type:identifier, e.g. agent:worker-1")
    String assignee;

    @Option(names = "--ttl", paramLabel = "DURATION", description = {"Lease: the claim lapses this long after "
            + "the last 'jit issue heartbeat' (90s, 15m, 2h, 1d; a bare number is seconds; 0: no lease).",
            "Default: the store's [coordination] default_ttl_secs for agents, no lease for human: assignees."})
    String ttl;

    @Override
    protected void run() {
        var outcome = jit().issues().claim(id, assignee, Durations.parse(ttl, "--ttl"));
        report("Claimed issue: " + outcome.issue().id(), outcome);
    }
}
