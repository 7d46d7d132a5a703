package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.json.Json;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code jit mcp}'s stdio framing, seen as raw lines by a client that misbehaves. */
class McpStdioIT {
    @TempDir
    Path dir;

    @Test
    @Timeout(120) // a server that stops reading never closes stdout
    void answersMalformedLinesKeepsServingAndAnswersEverythingBeforeExitingAtEndOfInput() throws Exception {
        Process init = new ProcessBuilder(JitProcessIT.JAVA, "-jar", JitProcessIT.JAR.toString(), "init")
                .directory(dir.toFile()).start();
        assertThat(JitProcessIT.finish(init).exit()).isZero();
        Process mcp = new ProcessBuilder(JitProcessIT.JAVA, "-XX:TieredStopAtLevel=1", "-jar",
                JitProcessIT.JAR.toString(), "mcp").directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String lines = String.join("\n", List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "this is not json",
                "{\"id\":7}",
                "",
                "{\"jsonrpc\":\"2.0\",\"id\":\"create\",\"method\":\"tools/call\",\"params\":{\"name\":\"issue_create\","
                        + "\"arguments\":{\"title\":\"after the noise\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\"}}")) + "\n";
        try (OutputStream in = mcp.getOutputStream()) {
            in.write(lines.getBytes(StandardCharsets.UTF_8));
        } // end of input straight away: the calls already sent must still be answered
        byte[] out = mcp.getInputStream().readAllBytes();
        assertThat(mcp.waitFor(60, TimeUnit.SECONDS)).as("exits at end of input").isTrue();
        assertThat(mcp.exitValue()).isZero();

        Map<String, JsonNode> byId = new HashMap<>();
        List<JsonNode> errors = new java.util.ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            JsonNode message = Json.parse(line); // stdout carries nothing but protocol lines
            if (message.get("id").isNull()) {
                errors.add(message.get("error"));
            } else {
                byId.put(message.get("id").asText(), message);
            }
        }
        assertThat(errors).extracting(e -> e.get("code").asInt()).containsExactly(-32700);
        assertThat(byId.get("7").at("/error/code").asInt()).isEqualTo(-32600);
        assertThat(byId.get("1").at("/result/serverInfo/name").asText()).isEqualTo("jit");
        JsonNode created = byId.get("create").get("result");
        assertThat(created.path("isError").asBoolean()).isFalse();
        assertThat(created.at("/structuredContent/data/title").asText()).isEqualTo("after the noise");
        // The SDK's own answer would not say which tool: ours names it.
        assertThat(byId.get("3").at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(byId.get("3").at("/error/message").asText()).startsWith("Unknown tool 'no_such_tool'");
    }
}
