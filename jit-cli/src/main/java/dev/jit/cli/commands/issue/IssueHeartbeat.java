package dev.jit.cli.commands.issue;

import dev.jit.cli.support.Durations;
import dev.jit.cli.support.JitSubcommand;
import dev.jit.core.Presentation;
import dev.jit.core.model.Issue;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit issue heartbeat}. */
@Command(name = "heartbeat", description = {"Renew the lease on a claim you hold: it then runs out one TTL from now.",
        "Only the holder may renew (exit 1, NOT_HOLDER); a lease that already ran out is not renewed (exit 1, "
                + "LEASE_EXPIRED: the issue is free again)."}, mixinStandardHelpOptions = true)
public class IssueHeartbeat extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix")
    String id;

    @Parameters(index = "1", arity = "0..1", paramLabel = "HOLDER",
            description = "Who holds the claim (default: $JIT_ACTOR, else human:$USER)")
    String holder;

    @Override
    protected void run() {
        Issue issue = jit().issues().heartbeat(id, holder != null ? holder : jit().options().actor());
        emit(Presentation.issue(issue), () -> out().println(issue.lease() == null
                ? "Issue " + issue.id() + " is claimed by " + issue.assignee() + " without a lease: nothing to renew"
                : "Renewed lease on " + issue.id() + " until " + issue.lease().expiresAt() + " ("
                        + Durations.format(issue.lease().remainingAt(Instant.now())) + " left)"));
    }
}
