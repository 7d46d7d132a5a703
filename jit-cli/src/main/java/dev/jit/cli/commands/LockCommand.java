package dev.jit.cli.commands;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit lock}. */
@Command(name = "lock", description = {"Run a command while holding the store's lock, e.g. for a consistent backup:",
        "  jit lock --shared -- tar -czf backup.tar.gz -C .jit .",
        "--shared lets readers continue and makes writers wait; without it everyone waits. Exits with the "
                + "command's exit code. (The lock is a POSIX fcntl lock: flock(1) does not interact with it.)"},
        mixinStandardHelpOptions = true)
public final class LockCommand extends JitSubcommand {
    @Option(names = "--shared", description = "Take the shared (reader) lock instead of the exclusive one")
    boolean shared;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments (after --)")
    List<String> command = new ArrayList<>();

    @Override
    protected void run() {
        exitStatus = jit().underLock(shared, "jit lock", this::runCommand);
        emit(Map.of("exit_status", exitStatus), () -> { });
    }

    private int runCommand() {
        try {
            Process p = new ProcessBuilder(command).directory(env().workingDir().toFile()).inheritIO().start();
            return p.waitFor();
        } catch (IOException e) {
            throw new JitException(ErrorCode.NOT_FOUND, "Cannot run " + command.get(0) + ": " + e.getMessage(),
                    Map.of("command", command), List.of("Check the command name and PATH"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JitException(ErrorCode.GENERIC, "Interrupted while running " + command.get(0));
        }
    }
}
