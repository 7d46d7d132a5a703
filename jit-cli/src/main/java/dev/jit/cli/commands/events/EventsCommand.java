package dev.jit.cli.commands.events;

import picocli.CommandLine.Command;

/** {@code jit events …}. */
@Command(name = "events",
        subcommands = {EventsTail.class, EventsQuery.class},
        description = "Read the append-only event log (one JSON object per line).",
        mixinStandardHelpOptions = true)
public final class EventsCommand {
}
