package dev.jit.cli;

import dev.jit.cli.commands.BackupCommand;
import dev.jit.cli.commands.InitCommand;
import dev.jit.cli.commands.LockCommand;
import dev.jit.cli.commands.McpCommand;
import dev.jit.cli.commands.SearchCommand;
import dev.jit.cli.commands.StatusCommand;
import dev.jit.cli.commands.ValidateCommand;
import dev.jit.cli.commands.dep.DepCommand;
import dev.jit.cli.commands.doc.DocCommand;
import dev.jit.cli.commands.events.EventsCommand;
import dev.jit.cli.commands.gate.GateCommand;
import dev.jit.cli.commands.graph.GraphCommand;
import dev.jit.cli.commands.claim.ClaimCommand;
import dev.jit.cli.commands.issue.IssueCommand;
import dev.jit.cli.commands.query.QueryCommand;
import dev.jit.cli.commands.registry.RegistryCommand;
import dev.jit.core.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root {@code jit} command. */
@Command(name = "jit",
        subcommands = {InitCommand.class, IssueCommand.class, ClaimCommand.class, DepCommand.class, GateCommand.class, RegistryCommand.class,
                EventsCommand.class, QueryCommand.class, GraphCommand.class, DocCommand.class, SearchCommand.class,
                StatusCommand.class, ValidateCommand.class, LockCommand.class, BackupCommand.class, McpCommand.class},
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

    @Option(names = {"-q", "--quiet"}, description = "For the command that follows: on success print nothing but "
            + "what a script needs (also accepted after the command)")
    boolean quiet;

    // The model this command was parsed with, for the usage error of a bare `jit`.
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
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
