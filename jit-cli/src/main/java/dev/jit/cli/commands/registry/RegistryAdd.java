package dev.jit.cli.commands.registry;

import dev.jit.core.Presentation;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.core.model.Gate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit registry add}. */
@Command(name = "add", description = "Define a gate (exit 6 if the key exists).", mixinStandardHelpOptions = true)
public final class RegistryAdd extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "Gate key, e.g. code-review")
    String key;

    @Option(names = {"-t", "--title"}, required = true, description = "Title (required)")
    String title;

    @Option(names = {"-d", "--desc", "--description"}, defaultValue = "", description = "What the gate checks")
    String description;

    @Option(names = {"-a", "--auto"}, description = "Checked automatically (informational)")
    boolean auto;

    @Option(names = {"-e", "--example"}, description = "Example integration, e.g. a CI command")
    String example;

    @Override
    protected void run() {
        Gate gate = jit().gates().define(key, title, description, auto, example);
        emit(Presentation.gate(gate), () -> out().println("Added gate definition: " + gate.key()));
    }
}
