package dev.jit.cli.commands.issue;

import dev.jit.cli.support.JitSubcommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit issue assign}. */
@Command(name = "assign", description = "Set the assignee, replacing any previous one (no state change; use "
        + "'claim' to take work safely).", mixinStandardHelpOptions = true)
public final class IssueAssign extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix")
    String id;

    @Parameters(index = "1", paramLabel = "ASSIGNEE", description = "type:identifier, e.g. agent:worker-1 or human:alice")
    String assignee;

    @Override
    protected void run() {
        var outcome = jit().issues().assign(id, assignee);
        report("Assigned issue: " + outcome.issue().id(), outcome);
    }
}
