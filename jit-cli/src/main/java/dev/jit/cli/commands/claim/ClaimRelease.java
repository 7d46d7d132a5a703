package dev.jit.cli.commands.claim;

import dev.jit.cli.support.JitSubcommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit claim release}: {@code jit issue release} with a default reason. */
@Command(name = "release", description = "Give a claimed issue back (jit issue release): in_progress returns to "
        + "ready, or backlog if blocked.", mixinStandardHelpOptions = true)
public final class ClaimRelease extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix")
    String id;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Recorded in the event (default: 'released via "
            + "jit claim release')")
    String reason = "released via jit claim release";

    @Override
    protected void run() {
        var outcome = jit().issues().release(id, reason);
        report("Released issue: " + outcome.issue().id() + " (reason: " + reason + ")", outcome);
    }
}
