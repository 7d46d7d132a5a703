package dev.jit.cli;

import dev.jit.cli.model.CompiledCommands;
import dev.jit.cli.support.CliEnv;
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
            env.out().print(dev.jit.core.json.Json.pretty(Schema.of(commandLine(env))));
            env.out().flush();
            return 0;
        }
        return execute(env, args, args);
    }

    /**
     * picocli parses and runs {@code args} with the commands {@code named} names (null: every command).
     * Building only those is most of the start-up saved, and cannot change a successful parse: picocli descends
     * only into a command whose name is an argument. What the others show up in (usage help listing them,
     * the "did you mean" of a mistyped command) comes from a second run with every command.
     */
    private static int execute(CliEnv env, String[] args, String[] named) {
        CommandLine cli = commandLine(env, named);
        Handlers handlers = new Handlers(env, args, named != null);
        cli.setOut(new java.io.PrintWriter(env.out(), true));
        cli.setErr(new java.io.PrintWriter(env.err(), true));
        cli.setExecutionStrategy(handlers);
        cli.setParameterExceptionHandler(handlers);
        cli.setExecutionExceptionHandler(handlers);
        return cli.execute(args);
    }

    /** picocli's parser with every command, set up as jit uses it (help, the schema, the MCP tools). */
    public static CommandLine commandLine(CliEnv env) {
        return commandLine(env, null);
    }

    private static CommandLine commandLine(CliEnv env, String[] named) {
        // No Groovy here: picocli's factory would otherwise look for groovy.lang.Closure, searching the jar.
        System.setProperty("picocli.disable.closures", "true");
        // No option takes a date or an SQL type: skip picocli's reflective registration of those converters
        // (some 150 JDK classes). Plain words and groups only: a '.' or a single character would compile into a
        // lambda, and the first lambda costs the JVM's method-handle start-up.
        System.setProperty("picocli.converters.excludes", "java\\.time\\.(Duration|Instant|LocalDate|LocalDateTime|"
                + "LocalTime|MonthDay|OffsetDateTime|OffsetTime|Period|Year|YearMonth|ZonedDateTime|ZoneId|ZoneOffset)|"
                + "java\\.sql\\.(Time|Connection|Driver|Timestamp)");
        return configured(new CommandLine(CompiledCommands.load().root(env, named)));
    }

    /** {@code cli} set up to parse as jit does. */
    static CommandLine configured(CommandLine cli) {
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Like getopt: an option that takes a value takes the next argument even when it starts with '-'
        // (jit issue create --title --draft), so no title, description or reason is ever refused for its text.
        cli.setAllowOptionsAsOptionParameters(true);
        // Arguments are only arguments: "@file" is a word like any other, never the contents of a file (an id
        // such as @/etc/passwd would otherwise be read and echoed back in the error message).
        cli.setExpandAtFiles(false);
        return cli;
    }

    /**
     * How a parsed command line runs and how its errors are reported. A class, not lambdas: every run sets
     * these up, and the first lambda costs the JVM's method-handle start-up.
     */
    private static final class Handlers implements CommandLine.IExecutionStrategy,
            CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
        private final CliEnv env;
        private final String[] args;
        /** Whether the parser holds only the commands the arguments name. */
        private final boolean namedOnly;
        private boolean parsed;

        Handlers(CliEnv env, String[] args, boolean namedOnly) {
            this.env = env;
            this.args = args;
            this.namedOnly = namedOnly;
        }

        @Override
        public int execute(ParseResult result) {
            parsed = true;
            for (ParseResult level = result; level != null; level = level.subcommand()) {
                if (level.isUsageHelpRequested()) {
                    break;
                }
                if (level.isVersionHelpRequested()) {
                    // As picocli prints it, without its text-styling machinery (regular expressions, lambdas).
                    for (String line : level.commandSpec().version()) {
                        env.out().println(line);
                    }
                    env.out().flush();
                    return 0;
                }
            }
            // Usage help lists the other commands, and so does picocli's error for a group run without one.
            if (namedOnly && (usageHelpRequested(result) || !runnable(result))) {
                return Main.execute(env, args, null);
            }
            if (usageHelpRequested(result)) {
                return new CommandLine.RunLast().execute(result);
            }
            return call(result);
        }

        /**
         * Runs the leaf command itself: picocli's RunLast would first check every level for help requests
         * (answered above) through its colour-scheme set-up, which costs each call a few milliseconds.
         */
        @SuppressWarnings("unchecked")
        private static int call(ParseResult result) {
            ParseResult leaf = result;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            if (result.hasMatchedOption("--quiet")
                    && leaf.commandSpec().userObject() instanceof dev.jit.cli.support.JitSubcommand command) {
                command.beQuiet();
            }
            try {
                return ((java.util.concurrent.Callable<Integer>) leaf.commandSpec().userObject()).call();
            } catch (ParameterException e) {
                throw e;
            } catch (Exception e) {
                throw new CommandLine.ExecutionException(leaf.commandSpec().commandLine(),
                        "Error while running " + leaf.commandSpec().qualifiedName(), e);
            }
        }

        @Override
        public int handleParseException(ParameterException ex, String[] argv) {
            if (namedOnly && !parsed) { // the message may name the other commands
                return Main.execute(env, args, null);
            }
            return usageError(env, ex, argv);
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine command, ParseResult parsed) {
            return failure(env, ex, jsonRequested(parsed));
        }
    }

    /** Whether the command {@code parsed} ends with runs itself (a group does not). */
    private static boolean runnable(ParseResult parsed) {
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        Object command = leaf.commandSpec().userObject();
        return command instanceof Runnable || command instanceof java.util.concurrent.Callable;
    }

    private static boolean usageHelpRequested(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.isUsageHelpRequested()) {
                return true;
            }
        }
        return false;
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
