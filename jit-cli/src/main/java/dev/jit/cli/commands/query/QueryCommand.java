package dev.jit.cli.commands.query;

import picocli.CommandLine.Command;

/** {@code jit query …}. */
@Command(name = "query",
        subcommands = {QueryReady.class, QueryBlocked.class, QueryAssignee.class, QueryState.class, QueryPriority.class,
                QueryLeases.class},
        description = "Questions orchestrators ask: what is ready, what is blocked, who holds what.",
        mixinStandardHelpOptions = true)
public final class QueryCommand {
}
