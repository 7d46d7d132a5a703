package dev.jit.cli.commands.registry;

import dev.jit.core.Presentation;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.KeyValues;
import dev.jit.core.Gates;
import dev.jit.core.error.JitException;
import dev.jit.core.model.Gate;
import dev.jit.core.model.GateChecker;
import dev.jit.core.model.GateStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit registry add}. */
@Command(name = "add", description = {"Define a gate (exit 6 if the key exists).",
        "With a checker the gate is decided by running it ('jit gate check', and on done/claim):",
        "  jit registry add tests -t Tests --timeout 600 -- mvn -B -q test      (argv, no shell)",
        "  jit registry add lint -t Lint --checker-command 'make lint | tee lint.log'   (sh -c)"},
        mixinStandardHelpOptions = true)
public final class RegistryAdd extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "Gate key, e.g. code-review")
    String key;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PROGRAM", description = "After --: the checker's program and "
            + "arguments, run directly (no shell)")
    List<String> argv = new ArrayList<>();

    @Option(names = {"-t", "--title"}, required = true, description = "Title (required)")
    String title;

    @Option(names = {"-d", "--desc", "--description"}, defaultValue = "", description = "What the gate checks")
    String description;

    @Option(names = {"-a", "--auto"}, description = "Checked automatically (informational; implied by a checker)")
    boolean auto;

    @Option(names = {"-e", "--example"}, description = "Example integration, e.g. a CI command")
    String example;

    @Option(names = "--checker-command", paramLabel = "SHELL", description = "The checker as a shell string, run "
            + "with sh -c (the reference tool's form)")
    String checkerCommand;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Checker timeout (default 300)")
    Long timeout;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Checker environment entry (repeatable)")
    List<String> env = new ArrayList<>();

    @Option(names = "--working-dir", paramLabel = "DIR", description = "Where the checker runs, relative to the "
            + "repository root (default: the root)")
    String workingDir;

    @Option(names = "--stage", paramLabel = "STAGE", description = "precheck (before work starts) or postcheck "
            + "(when work is done; default)")
    String stage;

    @Override
    protected void run() {
        GateStage parsedStage = stage == null ? null : GateStage.parseOrNull(stage);
        if (stage != null && parsedStage == null) {
            throw JitException.invalidArgument("Invalid --stage '" + stage + "'", "Use precheck or postcheck");
        }
        GateChecker checker = checker();
        if (checker == null && (timeout != null || !env.isEmpty() || workingDir != null)) {
            throw JitException.invalidArgument("--timeout, --env and --working-dir describe a checker; give one",
                    "e.g. jit registry add " + key + " -t … --timeout 60 -- make test");
        }
        Gate gate = jit().gates().define(new Gates.Definition(key, title, description, auto, example, parsedStage,
                checker));
        emit(Presentation.gate(gate), () -> out().println("Added gate definition: " + gate.key()));
    }

    private GateChecker checker() {
        if (!argv.isEmpty() && checkerCommand != null) {
            throw JitException.invalidArgument("Give the checker as -- PROGRAM ARGS… or as --checker-command, not both");
        }
        long seconds = timeout == null ? GateChecker.DEFAULT_TIMEOUT_SECONDS : timeout;
        Map<String, String> vars = KeyValues.parse(env, "--env", "--env RUST_LOG=info");
        if (!argv.isEmpty()) {
            return GateChecker.exec(argv, seconds, workingDir, vars);
        }
        return checkerCommand == null ? null : GateChecker.shell(checkerCommand, seconds, workingDir, vars);
    }
}
