package dev.jit.core.internal.codec;

import dev.jit.core.json.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.model.Gate;
import dev.jit.core.model.GateChecker;
import dev.jit.core.model.GateStage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts gate definitions to and from their JSON form (the reference tool's: {@code version, key, title,
 * description, stage, mode, checker, priority, reserved, auto, example_integration}), keeping fields this
 * version does not model in place, so an entry that is not changed is written back byte for byte.
 */
public final class GateCodec {
    private static final Set<String> KNOWN = Set.of("key", "title", "description", "stage", "mode", "checker", "auto",
            "example_integration");
    private static final Set<String> CHECKER_KNOWN = Set.of("type", "command", "argv", "timeout_seconds",
            "working_dir", "env", "pass_context");

    private GateCodec() {
    }

    public static Gate fromJson(String key, JsonNode node) {
        Map<String, JsonNode> extra = IssueCodec.extras(node, KNOWN);
        JsonNode stage = node.get("stage");
        JsonNode mode = node.get("mode");
        if (stage != null && GateStage.parseOrNull(stage.asText(null)) == null) {
            extra.put("stage", stage); // not one we know: kept as it is, the gate is then a postcheck
        }
        if (mode != null && !mode.isTextual()) {
            extra.put("mode", mode);
        }
        JsonNode checker = node.get("checker");
        return new Gate(IssueCodec.text(node, "key", key), IssueCodec.text(node, "title", key),
                IssueCodec.text(node, "description", ""), stage == null ? null : GateStage.parseOrNull(stage.asText(null)),
                mode != null && mode.isTextual() ? mode.textValue() : null,
                checker == null || checker.isNull() ? null : checker(checker),
                node.path("auto").asBoolean(false), IssueCodec.text(node, "example_integration", null), extra);
    }

    /** The checker object, or an unusable one (kept as stored) naming what is wrong with it. */
    static GateChecker checker(JsonNode node) {
        if (!node.isObject()) {
            return GateChecker.unusable(node, "the checker is not a JSON object");
        }
        String type = node.path("type").asText("");
        if (!GateChecker.EXEC.equals(type)) {
            return GateChecker.unusable(node, "checker type '" + type + "' is not supported (only \"exec\")");
        }
        JsonNode command = node.get("command");
        JsonNode argv = node.get("argv");
        JsonNode timeout = node.get("timeout_seconds");
        JsonNode workingDir = node.get("working_dir");
        JsonNode env = node.get("env");
        JsonNode passContext = node.get("pass_context");
        if (command != null && !command.isTextual() && !command.isNull()) {
            return GateChecker.unusable(node, "checker \"command\" is not a string");
        }
        List<String> args = null;
        if (argv != null && !argv.isNull()) {
            if (!argv.isArray() || argv.isEmpty()) {
                return GateChecker.unusable(node, "checker \"argv\" is not a non-empty array of strings");
            }
            args = new ArrayList<>();
            for (JsonNode a : argv) {
                if (!a.isTextual()) {
                    return GateChecker.unusable(node, "checker \"argv\" is not a non-empty array of strings");
                }
                args.add(a.textValue());
            }
        }
        if ((command == null || command.isNull() || command.textValue().isBlank()) && args == null) {
            return GateChecker.unusable(node, "the checker has no \"command\"");
        }
        if (timeout != null && !(timeout.canConvertToLong() && timeout.isIntegralNumber() && timeout.longValue() > 0)) {
            return GateChecker.unusable(node, "checker \"timeout_seconds\" is not a positive whole number");
        }
        if (workingDir != null && !workingDir.isNull() && !workingDir.isTextual()) {
            return GateChecker.unusable(node, "checker \"working_dir\" is not a string");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        if (env != null && !env.isNull()) {
            if (!env.isObject()) {
                return GateChecker.unusable(node, "checker \"env\" is not an object of strings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    return GateChecker.unusable(node, "checker \"env\" is not an object of strings");
                }
                vars.put(e.getKey(), e.getValue().textValue());
            }
        }
        return new GateChecker(type, command == null || command.isNull() ? null : command.textValue(), args,
                timeout == null ? GateChecker.DEFAULT_TIMEOUT_SECONDS : timeout.longValue(),
                workingDir == null || workingDir.isNull() ? null : workingDir.textValue(), vars,
                passContext != null && passContext.asBoolean(false), IssueCodec.extras(node, CHECKER_KNOWN), null, node);
    }

    static JsonNode checkerJson(GateChecker checker) {
        if (checker.raw() != null) {
            return checker.raw();
        }
        ObjectNode n = Json.object();
        n.put("type", checker.type());
        n.put("command", checker.display());
        if (checker.argv() != null) {
            IssueCodec.stringArray(n.putArray("argv"), checker.argv());
        }
        n.put("timeout_seconds", checker.timeoutSeconds());
        n.put("working_dir", checker.workingDir());
        ObjectNode env = n.putObject("env");
        checker.env().forEach(env::put);
        n.put("pass_context", checker.passContext());
        IssueCodec.setAll(n, checker.extra());
        return n;
    }

    public static ObjectNode toJson(Gate gate) {
        ObjectNode n = Json.object();
        // Fields a newer version wrote before "key" (e.g. "version") keep their place in front.
        JsonNode version = gate.extra().get("version");
        if (version != null) {
            n.set("version", version);
        }
        n.put("key", gate.key());
        n.put("title", gate.title());
        n.put("description", gate.description());
        if (gate.stage() != null) {
            n.put("stage", gate.stage().wire());
        }
        if (gate.mode() != null) {
            n.put("mode", gate.mode());
        }
        if (gate.checker() != null) {
            n.set("checker", checkerJson(gate.checker()));
        }
        gate.extra().forEach((k, v) -> {
            if (!k.equals("version")) {
                n.set(k, v);
            }
        });
        n.put("auto", gate.auto());
        n.put("example_integration", gate.exampleIntegration());
        return n;
    }
}
