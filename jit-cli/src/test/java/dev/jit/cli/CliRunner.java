package dev.jit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.cli.support.CliEnv;
import dev.jit.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code jit} commands in-process against a working directory, capturing output and exit code. */
final class CliRunner {
    private final Path workingDir;
    private final Map<String, String> env = new HashMap<>();
    private boolean terminal;
    private String stdin = "";

    CliRunner(Path workingDir) {
        this.workingDir = workingDir;
        env.put("USER", "tester");
    }

    CliRunner terminal(boolean value) {
        terminal = value;
        return this;
    }

    CliRunner env(String key, String value) {
        env.put(key, value);
        return this;
    }

    CliRunner stdin(String text) {
        stdin = text;
        return this;
    }

    record Result(int exit, String out, String err) {
        JsonNode json() {
            return Json.parse(out);
        }

        JsonNode data() {
            return json().get("data");
        }

        List<String> lines() {
            return out.lines().toList();
        }
    }

    static JsonNode parse(String text) {
        return Json.parse(text);
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnv cliEnv = new CliEnv(workingDir, Map.copyOf(env), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), terminal);
        int exit = Main.run(cliEnv, args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command that must succeed and returns its trimmed stdout. */
    String ok(String... args) {
        Result r = run(args);
        if (r.exit() != 0) {
            throw new AssertionError("jit " + String.join(" ", args) + " exited " + r.exit() + ": " + r.err() + r.out());
        }
        return r.out().strip();
    }
}
