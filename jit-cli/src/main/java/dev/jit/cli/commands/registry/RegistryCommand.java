package dev.jit.cli.commands.registry;

import picocli.CommandLine.Command;

/** {@code jit registry …}. */
@Command(name = "registry", description = "Define the quality gates issues can require.", mixinStandardHelpOptions = true,
        subcommands = {RegistryList.class, RegistryAdd.class, RegistryRemove.class, RegistryShow.class})
public final class RegistryCommand {
}
