package dev.jit.cli;

import dev.jit.core.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/** The root {@code jit} command. */
@Command(name = "jit",
        mixinStandardHelpOptions = true,
        versionProvider = JitCommand.VersionProvider.class,
        description = {"Repository-local issue tracker for AI coding agents and the humans who lead them.",
                "Issues live as JSON files under .jit/ (or JIT_DATA_DIR); every command is safe to run "
                        + "concurrently."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  generic failure (already assigned, blocked transition, lock timeout, ...)",
                "  2  invalid argument or usage", "  3  not found (issue, gate, store)",
                "  4  validation failed (cycle, invalid store)", "  5  permission denied",
                "  6  already exists", "  10 I/O or external failure",
                "",
                "Environment: JIT_DATA_DIR (store directory), JIT_LOCK_TIMEOUT (seconds, default 5),",
                "JIT_ACTOR (actor recorded on events, default human:$USER), JIT_TTY (1/0: force table/id output)."})
public final class JitCommand implements Runnable {
    // Handled in Main before parsing; declared here so help and the schema list it.
    @Option(names = "--schema", description = "Print a JSON description of every command, option, value set, the "
            + "JSON envelope and the exit codes, then exit")
    boolean schema;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "No command given. Run 'jit --help' for the list of commands.");
    }

    /** {@code jit --version}. */
    public static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"jit " + Version.VALUE};
        }
    }
}
