package dev.jit.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jit.cli.Main;
import dev.jit.cli.Schema;
import dev.jit.cli.support.CliEnv;
import dev.jit.core.Version;
import dev.jit.core.error.JitException;
import dev.jit.core.json.Json;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The MCP server behind {@code jit mcp}, on the official MCP Java SDK: the generated command tools, the
 * store status as resource {@code jit://status} and every issue as {@code jit://issue/<id>}.
 */
public final class JitMcpServer {
    private static final String STATUS_URI = "jit://status";
    private static final String ISSUE_URI_PREFIX = "jit://issue/";
    private static final String INSTRUCTIONS = """
            JIT is the repository's issue tracker: issues with states, priorities, labels, quality gates and \
            a dependency graph, stored under .jit/. Every tool runs the jit CLI command of the same name \
            in-process and returns its JSON envelope {success, data, metadata}; failures are tool errors \
            carrying {code, message, details, suggestions}. Ids accept any unique prefix of 4+ characters. \
            Typical agent loop: query_ready or issue_claim_next <you> -> do the work -> gate_check (runs the \
            checkers of gates that have one; an agent cannot gate_pass those) and gate_pass for the others -> \
            issue_update with state done (runs the postchecks). Read jit://status for an overview and \
            jit://issue/<id> for one issue.""";

    private final List<CommandTool> tools;
    private final CommandRunner runner;
    private final String configuredActor;
    private final McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());

    JitMcpServer(CliEnv env, List<CommandTool> tools) {
        this.tools = List.copyOf(tools);
        this.runner = new CommandRunner(env);
        String actor = env.env().get("JIT_ACTOR");
        this.configuredActor = actor == null || actor.isBlank() ? null : actor;
    }

    /**
     * Serves MCP on the process's standard input and output until the client closes standard input (requests
     * already sent are answered first, for at most a minute).
     * Tools come from the same command model as {@code jit --schema}.
     */
    public static void serve(CliEnv env) {
        // The SDK logs through SLF4J; keep it to warnings, on stderr (stdout carries the protocol).
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        List<CommandTool> tools = tools(env);
        java.util.Set<String> names = new java.util.HashSet<>();
        tools.forEach(t -> names.add(t.name()));
        StdioFraming stdio = new StdioFraming(env.in(), env.out(), names);
        McpSyncServer server = new JitMcpServer(env, tools).start(stdio.input(), stdio.output());
        stdio.awaitEnd();
        stdio.awaitResponses(Duration.ofSeconds(60));
        stdio.release();
        server.closeGracefully();
    }

    /** The tools for this CLI: one per leaf command of {@code jit --schema}. */
    public static List<CommandTool> tools(CliEnv env) {
        return ToolCatalog.from(Schema.of(Main.commandLine(env)));
    }

    /** Starts serving MCP over {@code in}/{@code out} (JSON-RPC messages, one per line) on SDK threads. */
    McpSyncServer start(InputStream in, OutputStream out) {
        return McpServer.sync(new StdioServerTransportProvider(mapper, in, out))
                .serverInfo("jit", Version.VALUE)
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
                // Arguments are checked by the command itself, so errors carry JIT's codes and suggestions.
                .validateToolInputs(false)
                .tools(tools.stream().map(this::specification).toList())
                .resources(new SyncResourceSpecification(McpSchema.Resource.builder().uri(STATUS_URI)
                        .name("status").title("Store status")
                        .description("Issue counts by state, ready and blocked issues (jit status)")
                        .mimeType("application/json").build(), (exchange, request) -> status(exchange)))
                .resourceTemplates(new SyncResourceTemplateSpecification(McpSchema.ResourceTemplate
                        .builder(ISSUE_URI_PREFIX + "{id}", "issue").title("Issue")
                        .description("One issue with its dependencies, gates and block reasons (jit issue show); "
                                + "the id may be a unique prefix").mimeType("application/json").build(),
                        (exchange, request) -> issue(exchange, request.uri())))
                .build();
    }

    private SyncToolSpecification specification(CommandTool tool) {
        McpSchema.Tool described = McpSchema.Tool.builder()
                .name(tool.name())
                .title("jit " + String.join(" ", tool.path()))
                .description(tool.description())
                .inputSchema(tool.inputSchema())
                .annotations(new ToolAnnotations(null, tool.readOnly(), tool.destructive(), null, false, null))
                .build();
        return SyncToolSpecification.builder().tool(described)
                .callHandler((exchange, request) -> call(tool, request.arguments(), actor(exchange)))
                .build();
    }

    private CallToolResult call(CommandTool tool, Map<String, Object> arguments, String actor) {
        CommandRunner.Result result;
        try {
            result = runner.run(tool.commandLine(arguments), actor);
        } catch (JitException badArguments) {
            result = CommandRunner.failure(badArguments);
        }
        CallToolResult.Builder answer = CallToolResult.builder()
                .addTextContent(result.text())
                .structuredContent(Json.mapper().convertValue(result.envelope(), Map.class))
                .isError(!result.success());
        if (!result.warnings().isEmpty()) {
            answer.addTextContent(result.warnings());
        }
        return answer.build();
    }

    private ReadResourceResult status(McpSyncServerExchange exchange) {
        return resource(STATUS_URI, List.of("status", "--json"), actor(exchange));
    }

    private ReadResourceResult issue(McpSyncServerExchange exchange, String uri) {
        String id = uri.startsWith(ISSUE_URI_PREFIX) ? uri.substring(ISSUE_URI_PREFIX.length()) : "";
        return resource(uri, List.of("issue", "show", "--json", "--", id), actor(exchange));
    }

    private ReadResourceResult resource(String uri, List<String> argv, String actor) {
        CommandRunner.Result result = runner.run(argv, actor);
        if (!result.success()) {
            JsonNode error = result.error();
            int exit = error.path("exit_code").asInt();
            throw McpError.builder(exit == 3 ? ErrorCodes.RESOURCE_NOT_FOUND
                            : exit == 2 ? ErrorCodes.INVALID_PARAMS : ErrorCodes.INTERNAL_ERROR)
                    .message(error.path("code").asText() + ": " + error.path("message").asText())
                    .data(Json.mapper().convertValue(error, Map.class))
                    .build();
        }
        return new ReadResourceResult(List.of(new TextResourceContents(uri, "application/json",
                Json.pretty(result.envelope().get("data")))));
    }

    /** JIT_ACTOR when set, else the MCP client's own name: events record which agent did what. */
    private String actor(McpSyncServerExchange exchange) {
        if (configuredActor != null) {
            return configuredActor;
        }
        McpSchema.Implementation client = exchange == null ? null : exchange.getClientInfo();
        String name = client == null || client.name() == null ? "" : client.name().strip();
        return "agent:" + (name.isEmpty() ? "mcp" : name.replaceAll("\\s+", "-"));
    }
}
