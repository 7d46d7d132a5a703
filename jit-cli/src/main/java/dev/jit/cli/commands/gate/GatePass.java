package dev.jit.cli.commands.gate;

import dev.jit.core.model.GateStatus;
import picocli.CommandLine.Command;

/** {@code jit gate pass}. */
@Command(name = "pass", description = "Record a gate as passed; the last pending gate of a gated issue completes "
        + "it (and readies its dependents).", mixinStandardHelpOptions = true)
public final class GatePass extends GateResult {
    @Override
    GateStatus status() {
        return GateStatus.PASSED;
    }
}
