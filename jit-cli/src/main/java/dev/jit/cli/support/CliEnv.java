package dev.jit.cli.support;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may see of its process: working directory, environment, standard streams and whether
 * stdout is a terminal. Passing it in (instead of reading globals) lets tests run commands in-process.
 */
public record CliEnv(Path workingDir, Map<String, String> env, PrintStream out, PrintStream err, InputStream in,
                     boolean terminal) {

    /** The real process environment. {@code JIT_TTY=1|0} overrides terminal detection. */
    public static CliEnv system() {
        Map<String, String> env = System.getenv();
        String forced = env.get("JIT_TTY");
        boolean terminal = forced != null ? forced.equals("1") || forced.equalsIgnoreCase("true")
                : System.console() != null;
        return new CliEnv(Path.of("").toAbsolutePath(), env, System.out, System.err, System.in, terminal);
    }

    /**
     * This environment with stdout and stderr escaping control characters ({@link InertPrintStream}): what
     * every command prints for humans goes through it. JSON output does not: JSON escapes them itself.
     */
    public CliEnv inert() {
        return new CliEnv(workingDir, env, InertPrintStream.of(out), InertPrintStream.of(err), in, terminal);
    }

    /** This environment with stdout discarded ({@code --quiet}); stderr stays. */
    public CliEnv withoutOutput() {
        return new CliEnv(workingDir, env, new PrintStream(java.io.OutputStream.nullOutputStream()), err, in, terminal);
    }
}
