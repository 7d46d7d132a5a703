package dev.jit.cli.commands.claim;

import dev.jit.cli.commands.issue.IssueHeartbeat;
import picocli.CommandLine.Command;

/** {@code jit claim renew}: {@code jit issue heartbeat}. */
@Command(name = "renew", description = "Renew a lease you hold (jit issue heartbeat): it runs out one TTL from now.",
        mixinStandardHelpOptions = true)
public final class ClaimRenew extends IssueHeartbeat {
}
