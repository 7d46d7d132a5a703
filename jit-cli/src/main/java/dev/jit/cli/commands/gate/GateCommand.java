package dev.jit.cli.commands.gate;

import picocli.CommandLine.Command;

/** {@code jit gate …}. */
@Command(name = "gate", description = "Require quality gates on issues and record their results.",
        mixinStandardHelpOptions = true)
public final class GateCommand {
}
