package dev.jit.cli.commands;

import dev.jit.cli.mcp.CommandTool;
import dev.jit.cli.mcp.JitMcpServer;
import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jit mcp}. */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Serve the Model Context Protocol on stdin/stdout, so AI agents use JIT as native tools.",
                "One tool per command (issue_create, issue_claim_next, dep_add, gate_pass, query_ready, ...), "
                        + "generated from the same model as 'jit --schema'; results are the --json envelopes.",
                "Resources: jit://status and jit://issue/<id>. Runs until the client closes stdin.",
                "Events record JIT_ACTOR, or agent:<client name> when it is not set."})
public final class McpCommand extends JitSubcommand {
    @Option(names = "--list-tools", description = "Print the tools (name, description, input schema) and exit "
            + "instead of serving")
    boolean listTools;

    @Override
    protected boolean printsHumanText() {
        return listTools; // serving, stdout carries JSON-RPC lines (JSON escapes control characters itself)
    }

    @Override
    protected void run() {
        if (!listTools) {
            JitMcpServer.serve(env());
            return;
        }
        List<CommandTool> tools = JitMcpServer.tools(env());
        List<Map<String, Object>> described = new ArrayList<>();
        for (CommandTool tool : tools) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", tool.name());
            t.put("command", "jit " + String.join(" ", tool.path()));
            t.put("description", tool.description());
            t.put("input_schema", tool.inputSchema());
            t.put("read_only", tool.readOnly());
            t.put("destructive", tool.destructive());
            described.add(t);
        }
        emit(described, () -> Output.table(out(), tools.stream()
                .map(t -> List.of(t.name(), "jit " + String.join(" ", t.path()))).toList()));
    }
}
