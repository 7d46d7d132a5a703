package dev.jit.cli.commands.dep;

import picocli.CommandLine.Command;

/** {@code jit dep …}. */
@Command(name = "dep",
        subcommands = {DepAdd.class, DepRm.class},
        description = "Add or remove dependencies (FROM depends on TO).", mixinStandardHelpOptions = true)
public final class DepCommand {
}
