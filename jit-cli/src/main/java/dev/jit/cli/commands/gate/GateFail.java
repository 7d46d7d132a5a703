package dev.jit.cli.commands.gate;

import dev.jit.core.model.GateStatus;
import picocli.CommandLine.Command;

/** {@code jit gate fail}. */
@Command(name = "fail", description = "Record a gate as failed.", mixinStandardHelpOptions = true)
public final class GateFail extends GateResult {
    @Override
    GateStatus status() {
        return GateStatus.FAILED;
    }
}
