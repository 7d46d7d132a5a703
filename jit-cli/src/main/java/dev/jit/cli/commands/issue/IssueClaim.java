package dev.jit.cli.commands.issue;

import dev.jit.cli.support.JitSubcommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit issue claim}. */
@Command(name = "claim", description = {"Atomically take an unassigned, unblocked issue (ready -> in_progress).",
        "Of several processes claiming one issue exactly one succeeds; the others exit 1."},
        mixinStandardHelpOptions = true)
public final class IssueClaim extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix")
    String id;

    @Parameters(index = "1", paramLabel = "ASSIGNEE", description = "type:identifier, e.g. agent:worker-1")
    String assignee;

    @Override
    protected void run() {
        var outcome = jit().issues().claim(id, assignee);
        report("Claimed issue: " + outcome.issue().id(), outcome);
    }
}
