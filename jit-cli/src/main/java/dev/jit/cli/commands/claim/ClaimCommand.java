package dev.jit.cli.commands.claim;

import picocli.CommandLine.Command;

/** {@code jit claim …}: the reference tool's names for leased claims, over the same rules as {@code jit issue}. */
@Command(name = "claim",
        subcommands = {ClaimAcquire.class, ClaimRenew.class, ClaimHeartbeat.class, ClaimRelease.class, ClaimList.class},
        description = {"Leased claims under the reference tool's names: acquire = issue claim --ttl, renew and "
                + "heartbeat = issue heartbeat, release = issue release, list = query leases."},
        mixinStandardHelpOptions = true)
public final class ClaimCommand {
}
