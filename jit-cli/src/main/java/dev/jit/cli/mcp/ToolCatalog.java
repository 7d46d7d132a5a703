package dev.jit.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.cli.mcp.CommandTool.Param;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The MCP tools, generated from the command schema ({@code jit --schema}, itself generated from the picocli
 * model): one tool per leaf command, one property per option and positional. A new command or option is a
 * new tool or property without any change here, so the tools cannot drift from the CLI.
 */
public final class ToolCatalog {
    /** Commands with no place in an agent's tool box: store set-up, running a shell command under the lock,
     * writing a backup archive to any path the caller names (an operator's job, see jit-backup.sh), and the
     * reference tool's {@code claim} names, which would only repeat issue_claim, issue_heartbeat and query_leases. */
    private static final Set<String> EXCLUDED_COMMANDS = Set.of("init", "lock", "backup", "mcp", "claim");
    /** Options that would keep a call from ever returning. */
    private static final Map<String, Set<String>> EXCLUDED_OPTIONS = Map.of("events tail", Set.of("follow", "poll-ms"));
    /** The CLI's own switches: the server always asks for JSON (so --quiet would leave nothing out), and
     * help/version are not calls. */
    private static final Set<String> CLI_SWITCHES = Set.of("json", "quiet", "help", "version");


    private ToolCatalog() {
    }

    /** Every tool for the command schema {@code schema} (the document {@code jit --schema} prints). */
    public static List<CommandTool> from(JsonNode schema) {
        List<CommandTool> tools = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        collect(schema.get("commands"), tools, seen);
        return tools;
    }

    private static void collect(JsonNode commands, List<CommandTool> tools, Set<String> seen) {
        commands.forEach(command -> {
            // Aliases (dep remove, registry rm) appear under their own key with the primary command's path.
            String path = command.get("path").asText().replaceFirst("^jit ", "");
            if (!seen.add(path) || EXCLUDED_COMMANDS.contains(path.split(" ")[0])) {
                return;
            }
            if (command.has("subcommands")) {
                collect(command.get("subcommands"), tools, seen);
            } else if (command.path("json_output").asBoolean()) {
                tools.add(tool(path, command));
            }
        });
    }

    private static CommandTool tool(String path, JsonNode command) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        List<Param> params = new ArrayList<>();
        Set<String> optionNames = new java.util.HashSet<>();
        command.get("options").forEach(o -> optionNames.add(o.get("name").asText()));
        Set<String> eitherWay = new java.util.HashSet<>();
        for (JsonNode p : command.get("positionals")) {
            // A positional that is another spelling of an option (issue create's TITLE for --title, one of which
            // must be given): a tool has one property for it, the option, and it is required.
            if (optionNames.contains(p.get("name").asText())) {
                eitherWay.add(p.get("name").asText());
            } else {
                params.add(param(p, null, p.get("index").asInt(), properties, required, false));
            }
        }
        Set<String> excluded = EXCLUDED_OPTIONS.getOrDefault(path, Set.of());
        for (JsonNode o : command.get("options")) {
            String name = o.get("name").asText();
            if (!CLI_SWITCHES.contains(name) && !excluded.contains(name)) {
                params.add(param(o, "--" + name, -1, properties, required, eitherWay.contains(name)));
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        String description = command.get("description").asText() + "\n(CLI: jit " + path + " --json)";
        String effect = command.path("effect").asText(); // the tool's hints: see StoreEffect
        return new CommandTool(path.replace(' ', '_').replace('-', '_'), Arrays.asList(path.split(" ")),
                description, schema, params, "reads".equals(effect), "deletes".equals(effect));
    }

    private static Param param(JsonNode arg, String option, int index, Map<String, Object> properties,
                               List<String> required, boolean requiredAnyway) {
        String property = arg.get("name").asText().replace('-', '_');
        if (properties.containsKey(property)) {
            throw new IllegalStateException("two arguments named '" + property + "' in one command");
        }
        boolean flag = arg.path("flag").asBoolean();
        String type = flag ? "boolean" : arg.get("type").asText();
        boolean repeatable = arg.get("repeatable").asBoolean();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", "path".equals(type) ? "string" : type);
        if (arg.has("allowed_values")) {
            List<String> allowed = new ArrayList<>();
            arg.get("allowed_values").forEach(v -> allowed.add(v.asText()));
            value.put("enum", allowed);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        if (repeatable) {
            schema.put("type", "array");
            schema.put("items", value);
        } else {
            schema.putAll(value);
        }
        String description = arg.path("description").asText("");
        if ("path".equals(type)) {
            description += " (a file path, relative to the server's working directory)";
        }
        schema.put("description", description);
        if (arg.has("default") && !repeatable) {
            String def = arg.get("default").asText();
            schema.put("default", switch (type) {
                case "integer" -> Long.parseLong(def);
                case "boolean" -> Boolean.parseBoolean(def);
                default -> def;
            });
        }
        boolean isRequired = requiredAnyway || arg.get("required").asBoolean();
        properties.put(property, schema);
        if (isRequired) {
            required.add(property);
        }
        return new Param(property, option, index, type, repeatable, isRequired);
    }
}
