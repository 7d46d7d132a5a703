package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jit mcp} driven by a client nobody here wrote: the official MCP TypeScript SDK
 * ({@code src/test/mcp-client}), which starts {@code java -jar jit.jar mcp} itself over stdio.
 */
class McpClientIT {
    private static final Path CLIENT = Path.of("src/test/mcp-client").toAbsolutePath();

    @TempDir
    Path dir;

    private Process driver;
    private OutputStream requests;
    private BufferedReader answers;

    @BeforeEach
    void connect() throws Exception {
        assertThat(CLIENT.resolve("node_modules/@modelcontextprotocol/sdk"))
                .as("the MCP SDK client: run npm ci --prefix jit-cli/src/test/mcp-client (./dev test does)").exists();
        assertThat(jit("init").exit()).isZero();
        driver = new ProcessBuilder("node", CLIENT.resolve("driver.mjs").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        requests = driver.getOutputStream();
        answers = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8));
        ObjectNode env = Json.object();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", dir.toString());
        env.put("USER", "tester");
        JsonNode init = ok(op("connect").put("command", JitProcessIT.JAVA).put("cwd", dir.toString())
                .<ObjectNode>set("args", Json.toTree(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                        JitProcessIT.JAR.toString(), "mcp")))
                .set("env", env));
        assertThat(init.at("/serverVersion/name").asText()).isEqualTo("jit");
        assertThat(init.at("/capabilities/tools").isObject()).isTrue();
        assertThat(init.at("/capabilities/resources").isObject()).isTrue();
        assertThat(init.path("instructions").asText()).contains("issue_claim_next");
    }

    @AfterEach
    void close() throws Exception {
        if (driver != null && driver.isAlive()) {
            request(op("close"));
            requests.close();
            assertThat(driver.waitFor(30, TimeUnit.SECONDS)).as("client exits after close").isTrue();
        }
    }

    @Test
    void listsOneToolPerCommandWithEveryOptionOfTheCliSchema() throws Exception {
        Map<String, JsonNode> tools = new java.util.TreeMap<>();
        ok(op("listTools")).forEach(t -> tools.put(t.get("name").asText(), t));
        assertThat(tools).containsKeys("issue_create", "issue_list", "issue_show", "issue_update", "issue_claim",
                "issue_claim_next", "issue_release", "issue_breakdown", "dep_add", "dep_rm", "gate_pass", "gate_fail",
                "query_ready", "query_blocked", "graph_show", "graph_downstream", "search", "status", "events_query",
                "validate");
        assertThat(tools).doesNotContainKeys("init", "lock", "backup", "mcp", "dep_remove", "registry_rm",
                "claim_acquire");
        assertThat(tools).containsKeys("issue_heartbeat", "query_leases");
        assertThat(tools.get("issue_claim").at("/inputSchema/properties/ttl/type").asText()).isEqualTo("string");
        assertThat(tools.get("query_ready").at("/inputSchema/properties/limit/type").asText()).isEqualTo("integer");
        assertThat(tools.get("query_ready").at("/inputSchema/properties/fields/type").asText()).isEqualTo("array");
        assertThat(tools.get("issue_create").at("/inputSchema/properties/quiet").isMissingNode()).isTrue();

        // Every leaf command of the CLI's own schema (a separate process) is a tool with every option.
        JsonNode schema = Json.parse(jit("--schema").out());
        Set<String> expected = new HashSet<>();
        List<JsonNode> leaves = new ArrayList<>();
        collectLeaves(schema.get("commands"), leaves);
        for (JsonNode leaf : leaves) {
            String path = leaf.get("path").asText().replaceFirst("^jit ", "");
            // The reference tool's claim names only repeat issue claim/heartbeat/release and query leases.
            if (Set.of("init", "lock", "backup", "mcp").contains(path) || path.startsWith("claim ")
                    || !expected.add(path)) {
                continue;
            }
            String name = path.replace(' ', '_').replace('-', '_');
            assertThat(tools).as("tool for jit " + path).containsKey(name);
            JsonNode input = tools.get(name).get("inputSchema");
            List<String> required = new ArrayList<>();
            input.path("required").forEach(r -> required.add(r.asText()));
            // A positional that is another spelling of an option (issue create's TITLE) is that option's property,
            // which is then required (one of the two must be given).
            Set<String> spelledBoth = new HashSet<>();
            leaf.get("options").forEach(o -> spelledBoth.add(o.get("name").asText()));
            for (JsonNode p : leaf.get("positionals")) {
                assertThat(input.at("/properties/" + p.get("name").asText()).isObject()).as(name + " " + p).isTrue();
            }
            spelledBoth.retainAll(leaf.get("positionals").findValuesAsText("name"));
            for (JsonNode o : leaf.get("options")) {
                String option = o.get("name").asText();
                boolean neverReturns = path.equals("events tail") && Set.of("follow", "poll-ms").contains(option);
                if (Set.of("json", "quiet", "help", "version").contains(option) || neverReturns) {
                    continue;
                }
                String property = option.replace('-', '_');
                JsonNode prop = input.at("/properties/" + property);
                assertThat(prop.isObject()).as(name + " --" + option).isTrue();
                assertThat(required.contains(property)).as(name + " required " + property)
                        .isEqualTo(o.get("required").asBoolean() || spelledBoth.contains(option));
                if (o.has("allowed_values")) {
                    JsonNode values = o.get("repeatable").asBoolean() ? prop.at("/items/enum") : prop.get("enum");
                    assertThat(values).as(name + " enum " + property).isEqualTo(o.get("allowed_values"));
                }
            }
        }
        assertThat(tools.keySet()).hasSize(expected.size());

        JsonNode create = tools.get("issue_create").get("inputSchema");
        assertThat(create.get("required")).containsExactly(Json.toTree("title"));
        assertThat(create.at("/properties/priority/enum")).hasSize(4);
        assertThat(create.at("/properties/label/type").asText()).isEqualTo("array");
        assertThat(tools.get("issue_update").at("/inputSchema/properties/state/enum").toString())
                .contains("in_progress", "rejected");
        assertThat(tools.get("search").at("/inputSchema/properties/limit/type").asText()).isEqualTo("integer");
        assertThat(tools.get("query_ready").at("/annotations/readOnlyHint").asBoolean()).isTrue();
        assertThat(tools.get("issue_delete").at("/annotations/destructiveHint").asBoolean()).isTrue();
    }

    @Test
    void anAgentWorksThroughTheDependencyGraph() throws Exception {
        assertThat(success(call("registry_add", Map.of("key", "tests", "title", "Tests pass"))).isObject()).isTrue();
        String api = success(call("issue_create", Map.of("title", "Build the API", "priority", "high",
                "gate", List.of("tests"), "label", List.of("epic:auth")))).get("id").asText();
        String ui = success(call("issue_create", Map.of("title", "Build the UI"))).get("id").asText();
        JsonNode dep = success(call("dep_add", Map.of("from_id", ui.substring(0, 8), "to_id", api)));
        assertThat(dep.toString()).contains(api);

        List<String> ready = new ArrayList<>();
        success(call("query_ready", Map.of())).get("issues").forEach(i -> ready.add(i.get("id").asText()));
        assertThat(ready).containsExactly(api);

        JsonNode claimed = success(call("issue_claim_next", Map.of("assignee", "agent:worker-1")));
        assertThat(claimed.toString()).contains(api).contains("agent:worker-1");
        success(call("gate_pass", Map.of("id", api, "gate_key", "tests")));
        JsonNode done = success(call("issue_update", Map.of("id", List.of(api), "state", "done")));
        assertThat(done.toString()).contains("done");

        // The dependent moved backlog -> ready in the same command; another process sees it on disk.
        JsonNode uiNow = Json.parse(jit("issue", "show", ui, "--json").out()).get("data");
        assertThat(uiNow.get("state").asText()).isEqualTo("ready");

        JsonNode resource = ok(op("readResource").put("uri", "jit://issue/" + ui.substring(0, 6)));
        JsonNode content = resource.at("/contents/0");
        assertThat(content.get("mimeType").asText()).isEqualTo("application/json");
        assertThat(Json.parse(content.get("text").asText()).get("state").asText()).isEqualTo("ready");
        JsonNode status = Json.parse(ok(op("readResource").put("uri", "jit://status")).at("/contents/0/text").asText());
        assertThat(status.get("done").asInt()).isEqualTo(1);
        assertThat(status.get("ready").asInt()).isEqualTo(1);
        assertThat(ok(op("listResources")).toString()).contains("jit://status");
        assertThat(ok(op("listResourceTemplates")).toString()).contains("jit://issue/{id}");

        // Events name the MCP client as the actor.
        JsonNode events = success(call("events_query", Map.of("issue_id", api)));
        assertThat(events.toString()).contains("agent:jit-mcp-it");
    }

    @Test
    void errorsAreToolErrorsWithCodeMessageAndSuggestions() throws Exception {
        String a = success(call("issue_create", Map.of("title", "A"))).get("id").asText();
        String b = success(call("issue_create", Map.of("title", "B"))).get("id").asText();
        success(call("dep_add", Map.of("from_id", a, "to_id", b)));
        String before = jit("events", "query", "--json").out().replaceAll("\"timestamp\": \"[^\"]+\"", "");

        JsonNode unknown = failure(call("issue_show", Map.of("id", "deadbeef")), "ISSUE_NOT_FOUND");
        assertThat(unknown.get("exit_code").asInt()).isEqualTo(3);
        JsonNode cycle = failure(call("dep_add", Map.of("from_id", b, "to_id", a)), "CYCLE_DETECTED");
        assertThat(cycle.get("message").asText()).containsIgnoringCase("cycle");
        JsonNode badEnum = failure(call("issue_update", Map.of("id", List.of(a), "state", "finished")),
                "INVALID_STATE");
        assertThat(badEnum.get("message").asText()).contains("finished");
        assertThat(badEnum.get("suggestions").toString()).contains("in_progress");
        failure(call("issue_create", Map.of("priority", "high")), "INVALID_ARGUMENT");
        assertThat(failure(call("issue_create", Map.of("title", 42)), "INVALID_ARGUMENT")
                .get("message").asText()).contains("title");
        assertThat(failure(call("issue_create", Map.of("title", "x", "colour", "red")), "INVALID_ARGUMENT")
                .get("message").asText()).contains("colour");
        failure(call("issue_claim", Map.of("id", a.substring(0, 2), "assignee", "me")), "INVALID_ARGUMENT");

        JsonNode missing = request(op("readResource").put("uri", "jit://issue/deadbeef"));
        assertThat(missing.path("ok").asBoolean()).isFalse();
        assertThat(missing.at("/error/code").asInt()).isEqualTo(-32002);
        assertThat(missing.at("/error/data/code").asText()).isEqualTo("ISSUE_NOT_FOUND");

        // Nothing changed: no issue, edge or event was added by the failed calls.
        assertThat(jit("issue", "list").out().lines()).hasSize(2);
        assertThat(jit("events", "query", "--json").out().replaceAll("\"timestamp\": \"[^\"]+\"", ""))
                .isEqualTo(before);
    }

    @Test
    void hostileTextRoundTripsUnchanged() throws Exception {
        // (Control characters are refused in titles: the line break and tab ride in the description.)
        String title = "He said \"hi\"; $(touch pwned) `touch pwned2` 'single' \\ back --json -x";
        String description = "--priority=critical\n-- not an option\tsecond column\n$HOME ${USER} %s {}";
        JsonNode created = success(call("issue_create", Map.of("title", title, "description", description,
                "context", List.of("note=a=b; rm -rf /"))));
        String id = created.get("id").asText();
        JsonNode shown = success(call("issue_show", Map.of("id", id)));
        assertThat(shown.get("title").asText()).isEqualTo(title);
        assertThat(shown.get("description").asText()).isEqualTo(description);
        assertThat(shown.get("priority").asText()).isEqualTo("normal");
        assertThat(shown.at("/context/note").asText()).isEqualTo("a=b; rm -rf /");
        JsonNode renamed = success(call("issue_update", Map.of("id", List.of(id), "title", "--state=done")));
        assertThat(renamed.toString()).contains("--state=done");
        assertThat(Json.parse(jit("issue", "show", id, "--json").out()).at("/data/state").asText()).isEqualTo("ready");
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(dir.resolve("pwned2")).doesNotExist();
    }

    private static void collectLeaves(JsonNode commands, List<JsonNode> out) {
        commands.forEach(c -> {
            if (c.has("subcommands")) {
                collectLeaves(c.get("subcommands"), out);
            } else {
                out.add(c);
            }
        });
    }

    private ObjectNode call(String tool, Map<String, ?> arguments) {
        return op("callTool").put("name", tool).set("arguments", Json.toTree(arguments));
    }

    /** The {@code data} of a successful tool call, checking the text content is the same JSON envelope. */
    private JsonNode success(ObjectNode call) throws Exception {
        JsonNode result = ok(call);
        assertThat(result.path("isError").asBoolean()).as(result.toString()).isFalse();
        JsonNode envelope = result.get("structuredContent");
        assertThat(Json.parse(result.at("/content/0/text").asText())).isEqualTo(envelope);
        assertThat(envelope.get("success").asBoolean()).isTrue();
        return envelope.get("data");
    }

    /** The error object of a failed tool call, which must carry {@code code}, a message and suggestions. */
    private JsonNode failure(ObjectNode call, String code) throws Exception {
        JsonNode result = ok(call);
        assertThat(result.path("isError").asBoolean()).as(result.toString()).isTrue();
        JsonNode error = result.at("/structuredContent/error");
        assertThat(Json.parse(result.at("/content/0/text").asText()).get("error")).isEqualTo(error);
        assertThat(error.get("code").asText()).as(error.toString()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("suggestions").size()).as(error.toString()).isPositive();
        return error;
    }

    private static ObjectNode op(String name) {
        ObjectNode o = Json.object();
        o.put("op", name);
        return o;
    }

    private JsonNode ok(ObjectNode request) throws Exception {
        JsonNode answer = request(request);
        assertThat(answer.path("ok").asBoolean()).as(answer.toString()).isTrue();
        return answer.get("result");
    }

    private JsonNode request(ObjectNode request) throws Exception {
        requests.write((Json.compact(request) + "\n").getBytes(StandardCharsets.UTF_8));
        requests.flush();
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return answers.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(line).as("answer to " + request.get("op")).isNotNull();
        return Json.parse(line);
    }

    private JitProcessIT.Run jit(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(JitProcessIT.JAVA, "-XX:TieredStopAtLevel=1", "-jar",
                JitProcessIT.JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("JIT_DATA_DIR");
        return JitProcessIT.finish(pb.start());
    }
}
