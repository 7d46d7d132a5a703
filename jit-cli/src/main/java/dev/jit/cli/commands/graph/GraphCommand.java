package dev.jit.cli.commands.graph;

import picocli.CommandLine.Command;

/** {@code jit graph …}. */
@Command(name = "graph",
        subcommands = {GraphShow.class, GraphDownstream.class, GraphRoots.class, GraphExportCommand.class},
        description = "View and export the dependency graph (an edge A -> B means A depends on B).",
        mixinStandardHelpOptions = true)
public final class GraphCommand {
}
