package dev.jit.cli;

import dev.jit.cli.commands.InitCommand;
import dev.jit.cli.commands.LockCommand;
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
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The command hierarchy, declared once. Building picocli's model for every command costs far more start-up
 * time than running one, so a normal invocation builds only the path it names ({@code jit issue list}
 * builds root, {@code issue} and {@code list}); help, unknown names and aliases get the full tree.
 */
public final class CommandTree {
    /** A top-level entry: a leaf command, or a group with its leaves in help order. */
    record Node(Class<?> type, Map<String, Class<?>> leaves) {
        boolean isGroup() {
            return !leaves.isEmpty();
        }
    }

    static final Map<String, Node> TOP = new LinkedHashMap<>();

    static {
        leaf("init", InitCommand.class);
        group("issue", IssueCommand.class, Map.ofEntries(
                Map.entry("create", IssueCreate.class), Map.entry("list", IssueList.class),
                Map.entry("search", IssueSearch.class), Map.entry("show", IssueShow.class),
                Map.entry("update", IssueUpdate.class), Map.entry("delete", IssueDelete.class),
                Map.entry("breakdown", IssueBreakdown.class), Map.entry("assign", IssueAssign.class),
                Map.entry("claim", IssueClaim.class), Map.entry("unassign", IssueUnassign.class),
                Map.entry("release", IssueRelease.class), Map.entry("claim-next", IssueClaimNext.class),
                Map.entry("reject", IssueReject.class)),
                "create", "list", "search", "show", "update", "delete", "breakdown", "assign", "claim", "unassign",
                "release", "claim-next", "reject");
        group("dep", DepCommand.class, Map.of("add", DepAdd.class, "rm", DepRm.class), "add", "rm");
        group("gate", GateCommand.class, Map.of("add", GateAdd.class, "pass", GatePass.class, "fail", GateFail.class),
                "add", "pass", "fail");
        group("registry", RegistryCommand.class, Map.of("list", RegistryList.class, "add", RegistryAdd.class,
                "remove", RegistryRemove.class, "show", RegistryShow.class), "list", "add", "remove", "show");
        group("events", EventsCommand.class, Map.of("tail", EventsTail.class, "query", EventsQuery.class),
                "tail", "query");
        group("query", QueryCommand.class, Map.of("ready", QueryReady.class, "blocked", QueryBlocked.class,
                "assignee", QueryAssignee.class, "state", QueryState.class, "priority", QueryPriority.class),
                "ready", "blocked", "assignee", "state", "priority");
        group("graph", GraphCommand.class, Map.of("show", GraphShow.class, "downstream", GraphDownstream.class,
                "roots", GraphRoots.class, "export", GraphExportCommand.class), "show", "downstream", "roots", "export");
        group("doc", DocCommand.class, Map.of("add", DocAdd.class, "list", DocList.class, "remove", DocRemove.class,
                "show", DocShow.class, "history", DocHistory.class, "diff", DocDiff.class),
                "add", "list", "remove", "show", "history", "diff");
        leaf("search", SearchCommand.class);
        leaf("status", StatusCommand.class);
        leaf("validate", ValidateCommand.class);
        leaf("lock", LockCommand.class);
    }

    private CommandTree() {
    }

    private static void leaf(String name, Class<?> type) {
        TOP.put(name, new Node(type, Map.of()));
    }

    private static void group(String name, Class<?> type, Map<String, Class<?>> leaves, String... order) {
        Map<String, Class<?>> ordered = new LinkedHashMap<>();
        for (String leaf : order) {
            ordered.put(leaf, leaves.get(leaf));
        }
        TOP.put(name, new Node(type, ordered));
    }

    /** The command line for {@code args}: just the named path when it is unambiguous, else everything. */
    static CommandLine build(CliEnv env, String[] args) {
        CommandFactory factory = new CommandFactory(env);
        CommandLine root = new CommandLine(new JitCommand(), factory);
        String[] path = commandPath(args);
        if (path.length == 0 && args.length > 0 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return root;
        }
        Node top = path.length > 0 ? TOP.get(path[0]) : null;
        if (top != null && !top.isGroup()) {
            root.addSubcommand(path[0], new CommandLine(top.type(), factory));
            return root;
        }
        if (top != null && path.length > 1 && top.leaves().containsKey(path[1])) {
            CommandLine group = new CommandLine(top.type(), factory);
            group.addSubcommand(path[1], new CommandLine(top.leaves().get(path[1]), factory));
            root.addSubcommand(path[0], group);
            return root;
        }
        return full(env);
    }

    /** Every command, for help output, schema generation and anything the fast path does not recognise. */
    public static CommandLine full(CliEnv env) {
        CommandFactory factory = new CommandFactory(env);
        CommandLine root = new CommandLine(new JitCommand(), factory);
        TOP.forEach((name, node) -> {
            CommandLine cmd = new CommandLine(node.type(), factory);
            node.leaves().forEach((leaf, type) -> cmd.addSubcommand(leaf, new CommandLine(type, factory)));
            root.addSubcommand(name, cmd);
        });
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
