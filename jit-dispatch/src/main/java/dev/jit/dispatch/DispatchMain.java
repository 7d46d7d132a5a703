package dev.jit.dispatch;

import dev.jit.core.Version;
import dev.jit.core.error.JitException;
import dev.jit.dispatch.cli.GracefulExit;
import dev.jit.dispatch.cli.LogsCommand;
import dev.jit.dispatch.cli.OnceCommand;
import dev.jit.dispatch.cli.StartCommand;
import dev.jit.dispatch.cli.StatusCommand;
import dev.jit.dispatch.cli.ValidateConfigCommand;
import dev.jit.dispatch.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code jit-dispatch}: runs agent commands on ready work. Exit codes: 0 ok, 1 runtime failure, 2 bad
 * config or usage, 3 no store, 10 store I/O or corrupt data (the jit-core error code's exit code).
 */
@Command(name = "jit-dispatch", mixinStandardHelpOptions = true, version = "jit-dispatch " + Version.VALUE,
        description = "Hands ready JIT issues to a pool of agent commands, watches them and recovers their work.",
        subcommands = {StartCommand.class, OnceCommand.class, StatusCommand.class, LogsCommand.class,
                ValidateConfigCommand.class,
                CommandLine.HelpCommand.class})
public final class DispatchMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: start, once, status, logs "
                + "or validate-config");
    }

    public static void main(String[] args) {
        int code = execute(args);
        GracefulExit.exitingNormally();
        System.exit(code);
    }

    static int execute(String[] args) {
        CommandLine cli = new CommandLine(new DispatchMain());
        cli.setExpandAtFiles(false); // "@file" is a word, never the contents of a file
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException c) {
                c.problems().forEach(p -> System.err.println("error: " + p));
                return 2;
            }
            if (e instanceof JitException j) {
                System.err.println("error: " + j.getMessage());
                j.suggestions().forEach(s -> System.err.println("  hint: " + s));
                return j.code().exitCode();
            }
            throw e;
        });
        return cli.execute(args);
    }
}
