package dev.jit.cli;

import dev.jit.cli.model.CommandModel;
import dev.jit.cli.model.CompiledModel;
import dev.jit.cli.model.DirectParser;
import dev.jit.cli.support.CliEnv;
import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.Output;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Entry point of the {@code jit} binary: runs one command and maps every failure to an exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(CliEnv.system(), args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs {@code jit args…} against {@code env} and returns the exit code (used in-process by tests). */
    public static int run(CliEnv env, String... args) {
        if (args.length > 0 && args[0].equals("--schema")) {
            // Like the reference: the schema wins over anything after it, and needs no store.
            env.out().print(dev.jit.core.json.Json.pretty(Schema.of(CommandTree.full(env))));
            env.out().flush();
            return 0;
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Answered before picocli, like --schema: its command model would be most of the run's cost.
            for (String line : new JitCommand.VersionProvider().getVersion()) {
                env.out().println(line);
            }
            env.out().flush();
            return 0;
        }
        JitSubcommand direct = bindDirectly(env, args);
        if (direct != null) {
            try {
                return direct.call();
            } catch (RuntimeException ex) {
                return failure(env, ex, direct.json());
            }
        }
        return runWithPicocli(env, args);
    }

    /** The command {@code args} name, bound without picocli; null when picocli must parse them. */
    private static JitSubcommand bindDirectly(CliEnv env, String[] args) {
        String path = CommandTree.leafPath(args);
        CommandModel model = path == null ? null : CompiledModel.command(path);
        if (model == null) {
            return null;
        }
        int words = path.indexOf(' ') < 0 ? 1 : 2;
        return DirectParser.bind(model, List.of(args).subList(words, args.length), env);
    }

    private static int runWithPicocli(CliEnv env, String[] args) {
        CommandLine cli = commandLine(env);
        cli.setOut(new java.io.PrintWriter(env.out(), true));
        cli.setErr(new java.io.PrintWriter(env.err(), true));
        cli.setParameterExceptionHandler((ex, argv) -> usageError(env, ex, argv));
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> failure(env, ex, jsonRequested(parsed)));
        return cli.execute(args);
    }

    /** picocli's parser for every command, set up as jit uses it. */
    static CommandLine commandLine(CliEnv env) {
        // No option takes a date or an SQL type: skip picocli's reflective registration of the java.time and
        // java.sql converters, which costs start-up time on every call.
        System.setProperty("picocli.converters.excludes", "java\\.(time|sql)\\..*");
        CommandLine cli = CommandTree.full(env);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Like getopt: an option that takes a value takes the next argument even when it starts with '-'
        // (jit issue create --title --draft), so no title, description or reason is ever refused for its text.
        cli.setAllowOptionsAsOptionParameters(true);
        // Arguments are only arguments: "@file" is a word like any other, never the contents of a file (an id
        // such as @/etc/passwd would otherwise be read and echoed back in the error message).
        cli.setExpandAtFiles(false);
        return cli;
    }

    private static int usageError(CliEnv env, ParameterException ex, String[] argv) {
        String hint = "Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage";
        if (List.of(argv).contains("--json")) {
            Output.error(env.out(), new JitException(ErrorCode.INVALID_ARGUMENT, ex.getMessage(),
                    java.util.Map.of(), List.of(hint)));
        } else {
            PrintStream err = env.inert().err(); // the message quotes the arguments
            err.println("Error: " + ex.getMessage());
            err.println("hint: " + hint);
        }
        return ErrorCode.INVALID_ARGUMENT.exitCode();
    }

    private static int failure(CliEnv env, Exception ex, boolean json) {
        JitException error = ex instanceof JitException je ? je : internal(env, ex);
        if (json) {
            Output.error(env.out(), error);
        } else {
            PrintStream err = env.inert().err(); // messages quote arguments and stored text
            err.println("Error: " + error.getMessage());
            for (String suggestion : error.suggestions()) {
                err.println("hint: " + suggestion);
            }
        }
        return error.code().exitCode();
    }

    private static JitException internal(CliEnv env, Exception ex) {
        if ("1".equals(env.env().get("JIT_DEBUG"))) {
            ex.printStackTrace(env.err());
        }
        ErrorCode code = ex instanceof java.io.UncheckedIOException ? ErrorCode.IO_ERROR : ErrorCode.GENERIC;
        return new JitException(code, "Internal error: " + ex, java.util.Map.of(),
                List.of("Set JIT_DEBUG=1 for a stack trace and report it"));
    }

    private static boolean jsonRequested(ParseResult parsed) {
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return leaf.hasMatchedOption("--json");
    }
}
