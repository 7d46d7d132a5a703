package dev.jit.cli.mcp;

import dev.jit.core.error.JitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One MCP tool: a leaf CLI command ({@code path}), the JSON Schema of its arguments, and the mapping from
 * those arguments back to the command's own options and positionals.
 */
public record CommandTool(String name, List<String> path, String description, Map<String, Object> inputSchema,
                          List<Param> params, boolean readOnly, boolean destructive) {

    /** One argument: an option ({@code option} is its long name, e.g. {@code --title}) or a positional. */
    public record Param(String property, String option, int index, String type, boolean repeatable,
                        boolean required) {
        boolean positional() {
            return option == null;
        }
    }

    public CommandTool {
        path = List.copyOf(path);
        params = List.copyOf(params);
    }

    /**
     * The command line for a call with {@code arguments}: the command path, {@code --json}, every option in
     * its attached form ({@code --title=value}, so a value that looks like an option stays a value), then
     * {@code --} and the positionals. Each value is its own argument: nothing passes through a shell.
     *
     * @throws JitException INVALID_ARGUMENT for an unknown argument, a missing required one or a wrong type
     */
    public List<String> commandLine(Map<String, Object> arguments) {
        Map<String, Object> given = new TreeMap<>(arguments == null ? Map.of() : arguments);
        List<String> argv = new ArrayList<>(path);
        argv.add("--json");
        Map<Integer, List<String>> positionals = new TreeMap<>();
        for (Param p : params) {
            Object value = given.remove(p.property());
            if (value == null) {
                if (p.required()) {
                    throw invalid("Missing required argument '" + p.property() + "'");
                }
                continue;
            }
            List<String> values = values(p, value);
            if (p.positional()) {
                positionals.put(p.index(), values);
            } else {
                values.forEach(v -> argv.add(p.option() + "=" + v));
            }
        }
        if (!given.isEmpty()) {
            throw invalid("Unknown argument(s) " + given.keySet() + "; " + name + " takes "
                    + params.stream().map(Param::property).toList());
        }
        argv.add("--");
        positionals.values().forEach(argv::addAll);
        return argv;
    }

    private List<String> values(Param p, Object value) {
        if (value instanceof List<?> list) {
            if (!p.repeatable()) {
                throw invalid("Argument '" + p.property() + "' takes one " + p.type() + ", not a list");
            }
            List<String> out = new ArrayList<>();
            list.forEach(v -> out.add(scalar(p, v)));
            return out;
        }
        return List.of(scalar(p, value));
    }

    private String scalar(Param p, Object value) {
        boolean ok = switch (p.type()) {
            case "boolean" -> value instanceof Boolean;
            case "integer" -> value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
            default -> value instanceof String;
        };
        if (!ok) {
            throw invalid("Argument '" + p.property() + "' must be " + ("integer".equals(p.type()) ? "an " : "a ")
                    + p.type() + ", got " + (value == null ? "null" : value.getClass().getSimpleName().toLowerCase()
                    + " " + value));
        }
        return value instanceof Number n && "integer".equals(p.type()) ? Long.toString(n.longValue()) : value.toString();
    }

    private JitException invalid(String message) {
        return JitException.invalidArgument(message, "See the input schema of tool '" + name + "' (tools/list)");
    }
}
