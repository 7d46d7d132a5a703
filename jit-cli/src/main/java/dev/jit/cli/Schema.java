package dev.jit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.Version;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.json.Json;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code jit --schema}: a JSON description of every command, generated from the picocli model so it cannot
 * drift from the real command line, plus the value sets, the JSON envelope and the exit codes. The MCP
 * server is generated from it.
 */
public final class Schema {
    private static final Pattern EXIT_LINE = Pattern.compile("^\\s+(\\d+)\\s+(.+)$");

    private Schema() {
    }

    public static ObjectNode of(CommandLine root) {
        ObjectNode schema = Json.object();
        schema.put("name", "jit");
        schema.put("version", Version.VALUE);
        schema.set("global_options", options(root.getCommandSpec()));
        ObjectNode commands = schema.putObject("commands");
        root.getSubcommands().forEach((name, sub) -> commands.set(name, command(sub)));
        ObjectNode types = schema.putObject("types");
        stringArray(types.putArray("state"), State.wireNames());
        stringArray(types.putArray("priority"), Priority.wireNames());
        schema.set("envelope", envelope());
        schema.set("exit_codes", exitCodes(root.getCommandSpec()));
        return schema;
    }

    private static ObjectNode command(CommandLine cmd) {
        CommandSpec spec = cmd.getCommandSpec();
        ObjectNode o = Json.object();
        o.put("path", spec.qualifiedName());
        String[] description = spec.usageMessage().description();
        o.put("description", String.join("\n", description));
        if (!cmd.getSubcommands().isEmpty()) {
            ObjectNode subs = o.putObject("subcommands");
            cmd.getSubcommands().forEach((name, sub) -> subs.set(name, command(sub)));
            return o;
        }
        o.put("effect", dev.jit.cli.support.StoreEffect.Kind.of(spec.userObject()).schemaName());
        o.put("json_output", spec.findOption("--json") != null);
        ArrayNode positionals = o.putArray("positionals");
        for (PositionalParamSpec p : spec.positionalParameters()) {
            ObjectNode a = positionals.addObject();
            a.put("name", p.paramLabel().replaceAll("[<>]", "").toLowerCase(Locale.ROOT).replace('-', '_'));
            a.put("index", p.index().min());
            describe(a, p);
        }
        o.set("options", options(spec));
        return o;
    }

    private static ArrayNode options(CommandSpec spec) {
        ArrayNode out = Json.array();
        for (OptionSpec opt : spec.options()) {
            ObjectNode a = out.addObject();
            a.put("name", opt.longestName().replaceFirst("^-+", ""));
            stringArray(a.putArray("names"), List.of(opt.names()));
            a.put("flag", opt.arity().max() == 0);
            describe(a, opt);
        }
        return out;
    }

    private static void describe(ObjectNode a, ArgSpec arg) {
        a.put("type", type(arg));
        a.put("required", arg.required());
        a.put("repeatable", arg.isMultiValue());
        if (arg.isOption() && ((OptionSpec) arg).arity().max() > 0 || !arg.isOption()) {
            a.put("value_label", arg.paramLabel());
        }
        String def = arg.defaultValue();
        if (def != null) {
            a.put("default", def);
        }
        a.put("description", String.join(" ", arg.description()));
        List<String> allowed = allowedValues(arg);
        if (!allowed.isEmpty()) {
            stringArray(a.putArray("allowed_values"), allowed);
        }
        if (arg.splitRegex() != null && !arg.splitRegex().isEmpty()) {
            a.put("separator", arg.splitRegex());
        }
    }

    /** JSON-ish type of one value: boolean, integer, path or string. */
    private static String type(ArgSpec arg) {
        Class<?> t = arg.isMultiValue() && arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
        if (t == boolean.class || t == Boolean.class) {
            return "boolean";
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return "integer";
        }
        if (Path.class.isAssignableFrom(t)) {
            return "path";
        }
        return "string";
    }

    private static List<String> allowedValues(ArgSpec arg) {
        List<String> out = new ArrayList<>();
        Iterable<String> candidates = arg.completionCandidates();
        if (candidates != null) {
            candidates.forEach(out::add);
        }
        return out;
    }

    private static ObjectNode envelope() {
        ObjectNode env = Json.object();
        env.put("description", "Commands run with --json print exactly one JSON document on stdout.");
        env.set("success", Json.toTree(Map.of("success", "true", "data", "command-specific payload",
                "metadata", Map.of("timestamp", "RFC 3339 UTC", "version", "jit version"))));
        env.set("error", Json.toTree(Map.of("success", "false", "error", Map.of("code", "ErrorCode name",
                "message", "one-line explanation", "details", "object (optional)", "suggestions",
                "array of strings (optional)", "exit_code", "process exit code"), "metadata", "as for success")));
        stringArray(env.putArray("error_codes"), java.util.Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        return env;
    }

    /** The exit codes documented in the root help footer, each with the error codes that produce it. */
    private static ArrayNode exitCodes(CommandSpec root) {
        ArrayNode out = Json.array();
        for (String line : root.usageMessage().footer()) {
            Matcher m = EXIT_LINE.matcher(line);
            if (m.matches()) {
                int code = Integer.parseInt(m.group(1));
                ObjectNode o = out.addObject();
                o.put("code", code);
                o.put("description", m.group(2).strip());
                stringArray(o.putArray("error_codes"), java.util.Arrays.stream(ErrorCode.values())
                        .filter(c -> c.exitCode() == code).map(Enum::name).toList());
            }
        }
        return out;
    }

    private static void stringArray(ArrayNode arr, Collection<String> values) {
        values.forEach(arr::add);
    }
}
