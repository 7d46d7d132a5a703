package dev.jit.cli.commands;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.core.Jit;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code jit init}. */
@Command(name = "init", description = {"Create the store (.jit/ here, or JIT_DATA_DIR). Safe to run again: existing "
        + "files are left alone."}, mixinStandardHelpOptions = true)
public final class InitCommand extends JitSubcommand {
    @Override
    protected void run() {
        Path dir = Jit.locateForInit(env().workingDir(), env().env());
        boolean created = Jit.init(dir);
        emit(Map.of("data_dir", dir.toString(), "created", created), () -> out().println(created
                ? "Initialized jit repository in " + dir : "jit repository already initialized in " + dir));
    }
}
