package dev.jit.cli.commands.gate;

import picocli.CommandLine.Command;

/** {@code jit gate …}. */
@Command(name = "gate",
        subcommands = {GateAdd.class, GatePass.class, GateFail.class, GateCheck.class, GateRuns.class},
        description = "Require quality gates on issues and record their results.",
        mixinStandardHelpOptions = true)
public final class GateCommand {
}
