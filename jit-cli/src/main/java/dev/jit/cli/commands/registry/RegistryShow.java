package dev.jit.cli.commands.registry;

import dev.jit.core.Presentation;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.model.Gate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit registry show}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "show", description = "Show a gate definition.", mixinStandardHelpOptions = true)
public final class RegistryShow extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "Gate key")
    String key;

    @Override
    protected void run() {
        Gate g = jit().gates().show(key);
        emit(Presentation.gate(g), () -> {
            out().println("Key:         " + g.key());
            out().println("Title:       " + g.title());
            out().println("Description: " + g.description());
            out().println("Auto:        " + g.auto());
            out().println("Example:     " + (g.exampleIntegration() == null ? "-" : g.exampleIntegration()));
        });
    }
}
