package dev.jit.cli.commands.issue;

import dev.jit.cli.support.JitSubcommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit issue reject}. */
@Command(name = "reject", description = "Close an issue without doing it: bypasses gates and, like done, "
        + "unblocks its dependents.", mixinStandardHelpOptions = true)
public final class IssueReject extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix")
    String id;

    @Option(names = {"-r", "--reason"}, description = "Why it is rejected (recorded in the event log)")
    String reason;

    @Override
    protected void run() {
        var outcome = jit().issues().reject(id, reason);
        report("Rejected issue: " + outcome.issue().id(), outcome);
    }
}
