package dev.jit.cli.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.cli.support.EnvelopeCapture;
import dev.jit.core.Presentation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.cli.Main;
import dev.jit.cli.support.CliEnv;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one CLI command in this process, exactly as {@code jit <argv>} would (same parsing, rules, locks and
 * jit-core API calls), and returns its {@code --json} envelope as the value the command built (see
 * {@link EnvelopeCapture}): nothing is printed and parsed back. MCP owns the real stdout.
 */
final class CommandRunner {
    /** What a command printed: its JSON envelope (as text and as a tree) and any warnings on stderr. */
    record Result(String text, JsonNode envelope, String warnings) {
        boolean success() {
            return envelope.path("success").asBoolean();
        }

        JsonNode error() {
            return envelope.path("error");
        }
    }

    private final CliEnv env;

    CommandRunner(CliEnv env) {
        this.env = env;
    }

    /** Runs {@code argv} (which must include {@code --json}) with {@code actor} recorded on its events. */
    Result run(List<String> argv, String actor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> vars = new HashMap<>(env.env());
        vars.put("JIT_ACTOR", actor);
        EnvelopeCapture stdout = new EnvelopeCapture(out);
        CliEnv call = new CliEnv(env.workingDir(), Map.copyOf(vars), stdout,
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), false);
        Main.run(call, argv.toArray(String[]::new));
        String warnings = err.toString(StandardCharsets.UTF_8).strip();
        ObjectNode envelope = stdout.envelope();
        if (envelope == null) {
            String printed = out.toString(StandardCharsets.UTF_8).strip();
            return failure(new JitException(ErrorCode.GENERIC, "Command printed no JSON envelope: "
                    + (warnings.isEmpty() ? printed : warnings), Map.of(), List.of("Report this as a bug")));
        }
        return new Result(Json.compact(envelope), envelope, warnings);
    }

    /** The envelope the CLI would print for {@code error}. */
    static Result failure(JitException error) {
        ObjectNode envelope = Presentation.failure(error);
        return new Result(Json.compact(envelope), envelope, "");
    }
}
