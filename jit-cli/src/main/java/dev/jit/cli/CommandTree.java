package dev.jit.cli;

import dev.jit.cli.commands.BackupCommand;
import dev.jit.cli.commands.InitCommand;
import dev.jit.cli.commands.LockCommand;
import dev.jit.cli.commands.McpCommand;
import dev.jit.cli.commands.SearchCommand;
import dev.jit.cli.commands.StatusCommand;
import dev.jit.cli.commands.doc.DocAdd;
import dev.jit.cli.commands.doc.DocCommand;
import dev.jit.cli.commands.doc.DocDiff;
import dev.jit.cli.commands.doc.DocHistory;
import dev.jit.cli.commands.doc.DocList;
import dev.jit.cli.commands.doc.DocRemove;
import dev.jit.cli.commands.doc.DocShow;
import dev.jit.cli.commands.graph.GraphCommand;
import dev.jit.cli.commands.graph.GraphDownstream;
import dev.jit.cli.commands.graph.GraphExportCommand;
import dev.jit.cli.commands.graph.GraphRoots;
import dev.jit.cli.commands.graph.GraphShow;
import dev.jit.cli.commands.ValidateCommand;
import dev.jit.cli.commands.dep.DepAdd;
import dev.jit.cli.commands.dep.DepCommand;
import dev.jit.cli.commands.dep.DepRm;
import dev.jit.cli.commands.events.EventsCommand;
import dev.jit.cli.commands.events.EventsQuery;
import dev.jit.cli.commands.events.EventsTail;
import dev.jit.cli.commands.gate.GateAdd;
import dev.jit.cli.commands.gate.GateCommand;
import dev.jit.cli.commands.gate.GateFail;
import dev.jit.cli.commands.gate.GatePass;
import dev.jit.cli.commands.issue.IssueAssign;
import dev.jit.cli.commands.issue.IssueBreakdown;
import dev.jit.cli.commands.issue.IssueClaim;
import dev.jit.cli.commands.issue.IssueClaimNext;
import dev.jit.cli.commands.issue.IssueCommand;
import dev.jit.cli.commands.issue.IssueCreate;
import dev.jit.cli.commands.issue.IssueDelete;
import dev.jit.cli.commands.issue.IssueList;
import dev.jit.cli.commands.issue.IssueReject;
import dev.jit.cli.commands.issue.IssueRelease;
import dev.jit.cli.commands.issue.IssueSearch;
import dev.jit.cli.commands.issue.IssueShow;
import dev.jit.cli.commands.issue.IssueUnassign;
import dev.jit.cli.commands.issue.IssueUpdate;
import dev.jit.cli.commands.query.QueryAssignee;
import dev.jit.cli.commands.query.QueryBlocked;
import dev.jit.cli.commands.query.QueryCommand;
import dev.jit.cli.commands.query.QueryPriority;
import dev.jit.cli.commands.query.QueryReady;
import dev.jit.cli.commands.query.QueryState;
import dev.jit.cli.commands.registry.RegistryAdd;
import dev.jit.cli.commands.registry.RegistryCommand;
import dev.jit.cli.commands.registry.RegistryList;
import dev.jit.cli.commands.registry.RegistryRemove;
import dev.jit.cli.commands.registry.RegistryShow;
import dev.jit.cli.support.CliEnv;
import dev.jit.cli.support.CommandFactory;
import java.util.List;
import picocli.CommandLine;

/**
 * The command hierarchy, declared once. A normal invocation runs without picocli on the fast path
 * ({@link #leafPath} names its command, {@code DirectParser} binds it); help, unknown names, aliases and
 * every command line the fast path leaves alone get picocli's full annotated tree.
 */
public final class CommandTree {
    /** Top-level commands in help order; a group's row lists its subcommands after its own name. */
    private static final String[][] TREE = {
            {"init"},
            {"issue", "create", "list", "search", "show", "update", "delete", "breakdown", "assign", "claim",
                    "unassign", "release", "claim-next", "reject"},
            {"dep", "add", "rm"},
            {"gate", "add", "pass", "fail"},
            {"registry", "list", "add", "remove", "show"},
            {"events", "tail", "query"},
            {"query", "ready", "blocked", "assignee", "state", "priority"},
            {"graph", "show", "downstream", "roots", "export"},
            {"doc", "add", "list", "remove", "show", "history", "diff"},
            {"search"},
            {"status"},
            {"validate"},
            {"lock"},
            {"backup"},
            {"mcp"}};

    private CommandTree() {
    }

    /**
     * The class of a command path ("issue", "issue create"), or null. A switch rather than a map of classes, so
     * only the classes of the command that runs are loaded, not all sixty (~3 ms of every run).
     */
    private static Class<?> type(String path) {
        return switch (path) {
            case "init" -> InitCommand.class;
            case "issue" -> IssueCommand.class;
            case "issue create" -> IssueCreate.class;
            case "issue list" -> IssueList.class;
            case "issue search" -> IssueSearch.class;
            case "issue show" -> IssueShow.class;
            case "issue update" -> IssueUpdate.class;
            case "issue delete" -> IssueDelete.class;
            case "issue breakdown" -> IssueBreakdown.class;
            case "issue assign" -> IssueAssign.class;
            case "issue claim" -> IssueClaim.class;
            case "issue unassign" -> IssueUnassign.class;
            case "issue release" -> IssueRelease.class;
            case "issue claim-next" -> IssueClaimNext.class;
            case "issue reject" -> IssueReject.class;
            case "dep" -> DepCommand.class;
            case "dep add" -> DepAdd.class;
            case "dep rm" -> DepRm.class;
            case "gate" -> GateCommand.class;
            case "gate add" -> GateAdd.class;
            case "gate pass" -> GatePass.class;
            case "gate fail" -> GateFail.class;
            case "registry" -> RegistryCommand.class;
            case "registry list" -> RegistryList.class;
            case "registry add" -> RegistryAdd.class;
            case "registry remove" -> RegistryRemove.class;
            case "registry show" -> RegistryShow.class;
            case "events" -> EventsCommand.class;
            case "events tail" -> EventsTail.class;
            case "events query" -> EventsQuery.class;
            case "query" -> QueryCommand.class;
            case "query ready" -> QueryReady.class;
            case "query blocked" -> QueryBlocked.class;
            case "query assignee" -> QueryAssignee.class;
            case "query state" -> QueryState.class;
            case "query priority" -> QueryPriority.class;
            case "graph" -> GraphCommand.class;
            case "graph show" -> GraphShow.class;
            case "graph downstream" -> GraphDownstream.class;
            case "graph roots" -> GraphRoots.class;
            case "graph export" -> GraphExportCommand.class;
            case "doc" -> DocCommand.class;
            case "doc add" -> DocAdd.class;
            case "doc list" -> DocList.class;
            case "doc remove" -> DocRemove.class;
            case "doc show" -> DocShow.class;
            case "doc history" -> DocHistory.class;
            case "doc diff" -> DocDiff.class;
            case "search" -> SearchCommand.class;
            case "status" -> StatusCommand.class;
            case "validate" -> ValidateCommand.class;
            case "lock" -> LockCommand.class;
            case "backup" -> BackupCommand.class;
            case "mcp" -> McpCommand.class;
            default -> null;
        };
    }

    /** The row of top-level command {@code name}, or null. */
    private static String[] row(String name) {
        for (String[] row : TREE) {
            if (row[0].equals(name)) {
                return row;
            }
        }
        return null;
    }

    /**
     * The path of the leaf command {@code args} name ("issue create", "status"), for the fast path; null for
     * a group, an unknown name or alias, and help and version requests, which need the whole annotated tree.
     */
    static String leafPath(String[] args) {
        String[] path = commandPath(args);
        String[] top = path.length > 0 ? row(path[0]) : null;
        if (top == null || asksForHelp(args)) {
            return null;
        }
        if (top.length == 1) {
            return path[0];
        }
        if (path.length < 2) {
            return null;
        }
        for (int k = 1; k < top.length; k++) {
            if (top[k].equals(path[1])) {
                return path[0] + " " + path[1];
            }
        }
        return null;
    }

    /** Help and version text come from the annotated model (a plain loop: no lambda to link at start-up). */
    private static boolean asksForHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version")) {
                return true;
            }
        }
        return false;
    }

    /** Every command, for help output, schema generation and anything the fast path does not recognise. */
    public static CommandLine full(CliEnv env) {
        CommandFactory factory = new CommandFactory(env);
        CommandLine root = new CommandLine(new JitCommand(), factory);
        for (String[] row : TREE) {
            CommandLine cmd = new CommandLine(type(row[0]), factory);
            for (String leaf : List.of(row).subList(1, row.length)) {
                cmd.addSubcommand(leaf, new CommandLine(type(row[0] + " " + leaf), factory));
            }
            root.addSubcommand(row[0], cmd);
        }
        return root;
    }

    /** The leading words of {@code args} that are not options (at most two). */
    private static String[] commandPath(String[] args) {
        String first = null;
        for (String a : args) {
            if (a.startsWith("-")) {
                return first == null ? new String[0] : new String[]{first};
            }
            if (first != null) {
                return new String[]{first, a};
            }
            first = a;
        }
        return first == null ? new String[0] : new String[]{first};
    }
}
