package dev.jit.cli.commands.claim;

import dev.jit.cli.commands.issue.IssueHeartbeat;
import picocli.CommandLine.Command;

/** {@code jit claim heartbeat}: {@code jit issue heartbeat}. */
@Command(name = "heartbeat", description = "Renew a lease you hold (jit issue heartbeat).", mixinStandardHelpOptions = true)
public final class ClaimHeartbeat extends IssueHeartbeat {
}
