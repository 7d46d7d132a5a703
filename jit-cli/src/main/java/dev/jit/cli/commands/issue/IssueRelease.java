package dev.jit.cli.commands.issue;

import dev.jit.cli.support.JitSubcommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit issue release}. */
@Command(name = "release", description = "Give an issue back: clears the assignee; in_progress returns to ready "
        + "(or backlog if blocked).", mixinStandardHelpOptions = true)
public final class IssueRelease extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix")
    String id;

    @Parameters(index = "1", paramLabel = "REASON", description = "Why it is released (recorded in the event log)")
    String reason;

    @Override
    protected void run() {
        var outcome = jit().issues().release(id, reason);
        report("Released issue: " + outcome.issue().id() + " (reason: " + reason + ")", outcome);
    }
}
