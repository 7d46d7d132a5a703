package dev.jit.cli.commands.claim;

import dev.jit.cli.commands.query.QueryLeases;
import dev.jit.cli.support.StoreEffect;
import picocli.CommandLine.Command;

/** {@code jit claim list}: {@code jit query leases}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "list", description = "Leased claims with holder and time left (jit query leases).",
        mixinStandardHelpOptions = true)
public final class ClaimList extends QueryLeases {
}
