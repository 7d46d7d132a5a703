package dev.jit.cli.commands.registry;

import picocli.CommandLine.Command;

/** {@code jit registry …}. */
@Command(name = "registry",
        subcommands = {RegistryList.class, RegistryAdd.class, RegistryRemove.class, RegistryShow.class},
        description = "Define the quality gates issues can require.", mixinStandardHelpOptions = true)
public final class RegistryCommand {
}
