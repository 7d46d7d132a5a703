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
            if (g.checker() != null) {
                out().println("Stage:       " + g.effectiveStage());
                out().println("Checker:     " + (g.checker().problem() != null ? "cannot run: " + g.checker().problem()
                        : (g.checker().argv() != null ? "(argv) " : "(sh -c) ") + g.checker().display()));
                out().println("Timeout:     " + g.checker().timeoutSeconds() + " s");
                out().println("Working dir: " + (g.checker().workingDir() == null ? "-" : g.checker().workingDir()));
                g.checker().env().forEach((k, v) -> out().println("Env:         " + k + "=" + v));
            }
        });
    }
}
