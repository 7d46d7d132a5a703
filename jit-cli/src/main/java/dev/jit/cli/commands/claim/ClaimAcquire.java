package dev.jit.cli.commands.claim;

import dev.jit.cli.support.Durations;
import dev.jit.cli.support.JitSubcommand;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit claim acquire}: {@code jit issue claim} that always takes a lease. */
@Command(name = "acquire", description = {"Claim an issue under a lease (jit issue claim ID HOLDER --ttl …).",
        "The TTL defaults to the store's [coordination] default_ttl_secs, else 600 s, as in the reference tool."},
        mixinStandardHelpOptions = true)
public final class ClaimAcquire extends JitSubcommand {
    /** The reference tool's default lease. */
    private static final Duration DEFAULT_TTL = Duration.ofSeconds(600);

    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix")
    String id;

    @Parameters(index = "1", arity = "0..1", paramLabel = "HOLDER",
            description = "Who claims it (default: --agent-id, else $JIT_ACTOR, else human:$USER)")
    String holder;

    @Option(names = "--agent-id", paramLabel = "HOLDER", description = "The reference tool's way to name the holder")
    String agentId;

    @Option(names = "--ttl", paramLabel = "DURATION", description = "90s, 15m, 2h, 1d; a bare number is seconds")
    String ttl;

    @Override
    protected void run() {
        String who = holder != null ? holder : agentId != null ? agentId : jit().options().actor();
        Duration lease = Durations.parse(ttl, "--ttl");
        if (lease == null) {
            lease = jit().issues().defaultLeaseTtl();
        }
        var outcome = jit().issues().claim(id, who, lease == null ? DEFAULT_TTL : lease);
        report("Acquired lease on issue " + outcome.issue().id() + " for " + who, outcome);
    }
}
