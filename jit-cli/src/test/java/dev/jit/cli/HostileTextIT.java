package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile text through real {@code jit} and {@code jit mcp} processes: "@file" arguments are words, never file
 * contents; control characters in stored titles, labels and descriptions reach the terminal escaped; new ones
 * are refused on input.
 */
class HostileTextIT {
    static final String SECRET = "TOP-SECRET-CONTENT-42";
    /** Sets the terminal's window title, then clears the screen; the C1 form of CSI for good measure. */
    static final String HOSTILE = "\u001b]0;owned\u0007 pay \u001b[2J me\u009b31m";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    Run jit(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(JitProcessIT.JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", JitProcessIT.JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("JIT_DATA_DIR");
        pb.environment().putAll(env);
        JitProcessIT.Run r = JitProcessIT.finish(pb.start());
        return new Run(r.exit(), r.out(), r.err());
    }

    Run jit(String... args) throws IOException, InterruptedException {
        return jit(Map.of(), args);
    }

    @Test
    void atFileArgumentsAreWordsNotFileContents() throws Exception {
        assertThat(jit("init").exit()).isZero();
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET + "\n--json\n");
        for (List<String> args : List.of(List.of("issue", "show", "@" + secret), List.of("issue", "show", "@secret.txt"),
                List.of("issue", "show", "@" + secret, "--json"), List.of("issue", "list", "--state", "@" + secret),
                List.of("dep", "add", "@" + secret, "@" + secret))) {
            Run r = jit(args.toArray(String[]::new));
            assertThat(r.exit()).as(args + ": " + r.err() + r.out()).isEqualTo(2);
            assertThat(r.out() + r.err()).as(args.toString()).doesNotContain(SECRET).contains("@");
        }
        Run show = jit("issue", "show", "@" + secret);
        assertThat(show.err()).startsWith("Error: Invalid issue id: '@" + secret + "'");
        // A title may start with '@': it is stored as written, on the direct path and through picocli alike.
        assertThat(jit("issue", "create", "--title", "@" + secret).exit()).isZero();
        assertThat(jit("issue", "create", "-t@" + secret).exit()).isZero(); // an attached value: picocli parses it
        Run list = jit("issue", "search", "@", "--json");
        assertThat(Json.parse(list.out()).at("/data/issues").findValuesAsText("title"))
                .containsExactly("@" + secret, "@" + secret);
    }

    @Test
    void storedControlCharactersAreEscapedInEveryHumanOutputAndExactInJson() throws Exception {
        assertThat(jit("init").exit()).isZero();
        String dep = jit("issue", "create", "--title", "dep plain").out().strip();
        String top = jit("issue", "create", "--title", "top plain", "--label", "kind:x",
                "-d", "first\tcolumn\nsecond line").out().strip();
        assertThat(jit("dep", "add", top, dep).exit()).isZero();
        // Another tool wrote these (JSON allows any character, escaped): planted by replacing the files.
        plant(dep, "\"dep plain\"", Json.compact(HOSTILE));
        plant(top, "\"top plain\"", Json.compact(HOSTILE + " top"));
        plant(top, "\"kind:x\"", Json.compact("kind:\u001b[5m"));
        plant(top, "\"first\\tcolumn\\nsecond line\"", Json.compact("first\tcolumn\nsecond \u001b[8mhidden"));

        Map<String, String> tty = Map.of("JIT_TTY", "1");
        List<List<String>> commands = List.of(List.of("issue", "list"), List.of("issue", "show", top),
                List.of("issue", "show", dep), List.of("graph", "show"), List.of("graph", "show", top),
                List.of("graph", "downstream", dep), List.of("graph", "roots"), List.of("search", "pay"),
                List.of("query", "ready"), List.of("query", "blocked"), List.of("issue", "search", "pay"),
                List.of("status"), List.of("query", "state", "backlog"));
        for (Map<String, String> env : List.of(tty, Map.of("JIT_TTY", "0"))) {
            for (List<String> args : commands) {
                Run r = jit(env, args.toArray(String[]::new));
                String what = args + " " + env;
                assertThat(r.exit()).as(what + r.err()).isZero();
                assertInert(what, r.out() + r.err());
            }
        }
        Run show = jit(tty, "issue", "show", top);
        assertThat(show.out()).contains("\\x1b]0;owned\\x07 pay \\x1b[2J me\\u009b31m top", "kind:\\x1b[5m",
                "first\tcolumn\n", "second \\x1b[8mhidden");
        Run list = jit(tty, "issue", "list");
        assertThat(list.out()).contains("\\x1b]0;owned\\x07 pay \\x1b[2J me\\u009b31m");
        assertThat(jit(tty, "graph", "show", top).out()).contains("\\x1b]0;owned\\x07");
        assertThat(jit(tty, "search", "pay").out()).contains("\\x1b[2J");

        JsonNode json = Json.parse(jit("issue", "show", top, "--json").out()).get("data");
        assertThat(json.get("title").asText()).isEqualTo(HOSTILE + " top");
        assertThat(json.get("labels").get(0).asText()).isEqualTo("kind:\u001b[5m");
        assertThat(json.get("description").asText()).isEqualTo("first\tcolumn\nsecond \u001b[8mhidden");
    }

    @Test
    void controlCharactersAreRefusedOnInputWithTheFieldAndAnEscape() throws Exception {
        assertThat(jit("init").exit()).isZero();
        String id = jit("issue", "create", "--title", "clean").out().strip();
        record Case(List<String> args, String message) {
        }
        for (Case c : List.of(
                new Case(List.of("issue", "create", "--title", "a\u001b]0;x\u0007"), "Title contains the control "
                        + "character \\x1b at position 2"),
                new Case(List.of("issue", "create", "--title", "tab\tin title"), "Title contains the control "
                        + "character \\x09"),
                new Case(List.of("issue", "create", "-t", "ok", "--label", "a:\u0007"), "Label contains the control "
                        + "character \\x07"),
                new Case(List.of("issue", "create", "-t", "ok", "-d", "line\n\u001b[2J"), "Description contains the "
                        + "control character \\x1b at position 6"),
                new Case(List.of("issue", "update", id, "--title", "x\u009bm"), "Title contains the control "
                        + "character \\u009b"),
                new Case(List.of("issue", "update", id, "--label", "a:\u007f"), "Label contains the control "
                        + "character \\x7f"),
                new Case(List.of("issue", "breakdown", id, "--subtask", "s\u0001"), "Title contains the control "
                        + "character \\x01"))) {
            Run r = jit(c.args().toArray(String[]::new));
            assertThat(r.exit()).as(c.args() + r.err()).isEqualTo(2);
            assertThat(r.err()).as(c.args().toString()).startsWith("Error: " + c.message());
            assertInert(c.args().toString(), r.err());
            List<String> json = new ArrayList<>(c.args());
            json.add("--json");
            JsonNode error = Json.parse(jit(json.toArray(String[]::new)).out()).get("error");
            assertThat(error.get("code").asText()).isEqualTo("INVALID_ARGUMENT");
            assertThat(error.get("message").asText()).startsWith(c.message());
        }
        assertThat(Json.parse(jit("status", "--json").out()).at("/data/total").asInt()).isEqualTo(1);
        assertThat(Json.parse(jit("issue", "show", id, "--json").out()).at("/data/title").asText()).isEqualTo("clean");
        // Layout is fine in descriptions.
        assertThat(jit("issue", "update", id, "-d", "a\tb\r\nc\n").exit()).isZero();
    }

    @Test
    @Timeout(120)
    void mcpToolsNeitherReadAtFilesNorStoreControlCharacters() throws Exception {
        assertThat(jit("init").exit()).isZero();
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET + "\n");
        List<String> calls = List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                call("show", "issue_show", "{\"id\":" + Json.compact("@" + secret) + "}"),
                call("nul", "issue_create", "{\"title\":\"a\\u0000b\"}"),
                call("esc", "issue_create", "{\"title\":\"ok\",\"label\":[\"k:\\u001b[2J\"]}"),
                call("desc", "issue_create", "{\"title\":\"ok\",\"description\":\"x\\u0007\"}"),
                call("list", "issue_list", "{}"));
        Process mcp = new ProcessBuilder(JitProcessIT.JAVA, "-XX:TieredStopAtLevel=1", "-jar",
                JitProcessIT.JAR.toString(), "mcp").directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = mcp.getOutputStream()) {
            in.write((String.join("\n", calls) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(mcp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(mcp.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).doesNotContain(SECRET);
        Map<String, JsonNode> byId = new HashMap<>();
        for (String line : out.split("\n")) {
            JsonNode message = Json.parse(line);
            byId.put(message.get("id").asText(), message.get("result"));
        }
        JsonNode show = byId.get("show");
        assertThat(show.get("isError").asBoolean()).isTrue();
        assertThat(show.at("/structuredContent/error/code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(show.at("/structuredContent/error/exit_code").asInt()).isEqualTo(2);
        for (String[] expected : List.of(new String[]{"nul", "Title contains the control character \\x00"},
                new String[]{"esc", "Label contains the control character \\x1b"},
                new String[]{"desc", "Description contains the control character \\x07"})) {
            JsonNode r = byId.get(expected[0]);
            assertThat(r.get("isError").asBoolean()).as(expected[0]).isTrue();
            assertThat(r.at("/structuredContent/error/message").asText()).startsWith(expected[1]);
        }
        assertThat(byId.get("list").at("/structuredContent/data/issues").size()).isZero();
    }

    private static String call(String id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    /** Replaces {@code from} by {@code to} in the issue's file, as an editor that writes a new file would. */
    private void plant(String id, String from, String to) throws IOException {
        Path file = dir.resolve(".jit/issues/" + id + ".json");
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Path tmp = dir.resolve("planted.tmp");
        Files.writeString(tmp, text.replace(from, to));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** No control character but newline and tab reaches the terminal. */
    private static void assertInert(String what, String output) {
        for (int k = 0; k < output.length(); k++) {
            char c = output.charAt(k);
            boolean control = c < 0x20 || c >= 0x7F && c <= 0x9F;
            assertThat(control && c != '\n' && c != '\t').as(what + ": raw U+%04X at %d in %s", (int) c, k, output)
                    .isFalse();
        }
    }
}
