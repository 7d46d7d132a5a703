package dev.jit.cli.commands.issue;

import dev.jit.cli.support.JitSubcommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit issue unassign}. */
@Command(name = "unassign", description = "Clear the assignee without changing the state (see 'release').",
        mixinStandardHelpOptions = true)
public final class IssueUnassign extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix")
    String id;

    @Override
    protected void run() {
        var outcome = jit().issues().unassign(id);
        report("Unassigned issue: " + outcome.issue().id(), outcome);
    }
}
