package dev.jit.cli.commands.gate;

import dev.jit.core.model.GateStatus;
import picocli.CommandLine.Command;

/** {@code jit gate pass}. */
@Command(name = "pass", description = {"Record a gate as passed; the last pending gate of a gated issue completes "
        + "it (and readies its dependents).", "A gate with a checker is passed by 'jit gate check'; only a human "
        + "(--by human:…) may pass it here, with --reason."}, mixinStandardHelpOptions = true)
public final class GatePass extends GateResult {
    @Override
    GateStatus status() {
        return GateStatus.PASSED;
    }
}
