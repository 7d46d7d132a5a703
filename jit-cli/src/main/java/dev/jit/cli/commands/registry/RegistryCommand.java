package dev.jit.cli.commands.registry;

import picocli.CommandLine.Command;

/** {@code jit registry …}. */
@Command(name = "registry", description = "Define the quality gates issues can require.", mixinStandardHelpOptions = true)
public final class RegistryCommand {
}
