package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The effect each command declares ({@code StoreEffect}, shown by {@code --schema} and behind the MCP tools'
 * read-only and destructive hints) is what it does: every command declared to read leaves every file of the
 * store as it was, run with real arguments against a store with issues, dependencies, gates and a document.
 */
class StoreEffectTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandDeclaredToReadChangesNoFileOfTheStore() throws Exception {
        CliRunner jit = new CliRunner(dir);
        Files.writeString(dir.resolve("design.md"), "# Design\n\nThe cache layer.\n");
        git("init", "-q", ".");
        git("add", "design.md");
        git("-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qm", "doc");
        jit.ok("init");
        jit.ok("registry", "add", "review", "--title", "Code review");
        String a = jit.ok("issue", "create", "--title", "cache layer", "--gate", "review", "--label", "epic:e1");
        String b = jit.ok("issue", "create", "--title", "cache users", "--priority", "high");
        jit.ok("dep", "add", b, a);
        jit.ok("doc", "add", a, "design.md");
        jit.ok("issue", "claim", a, "agent:one");

        Map<String, String> values = Map.ofEntries(Map.entry("id", a), Map.entry("issue_id", a),
                Map.entry("assignee", "agent:one"), Map.entry("state", "ready"), Map.entry("priority", "high"),
                Map.entry("query", "cache"), Map.entry("path", "design.md"), Map.entry("key", "review"),
                Map.entry("gate_key", "review"));
        JsonNode schema = jit.run("--schema").json();
        List<String> ran = new ArrayList<>();
        List<String> effects = new ArrayList<>();
        walk(schema.get("commands"), (path, command) -> {
            effects.add(command.get("effect").asText());
            if (!command.get("effect").asText().equals("reads")) {
                return;
            }
            List<String> args = new ArrayList<>(List.of(path.split(" ")));
            for (JsonNode p : command.get("positionals")) {
                if (p.get("required").asBoolean()) {
                    String value = values.get(p.get("name").asText());
                    assertThat(value).as("a value for <%s> of %s", p.get("name").asText(), path).isNotNull();
                    args.add(value);
                }
            }
            if (path.equals("doc diff")) {
                args.addAll(List.of("--from", "HEAD")); // the document is not pinned to a commit
            }
            Map<String, String> before = files();
            CliRunner.Result r = jit.run(args.toArray(String[]::new));
            assertThat(r.exit()).as("jit %s: %s", String.join(" ", args), r.err()).isZero();
            assertThat(files()).as("the store after jit %s", String.join(" ", args)).isEqualTo(before);
            ran.add(path);
        });
        assertThat(ran).contains("query ready", "issue show", "graph export", "doc diff", "search", "status")
                .hasSizeGreaterThanOrEqualTo(22);
        assertThat(effects).containsOnly("reads", "writes", "deletes").contains("writes", "deletes");
        assertThat(schema.at("/commands/issue/subcommands/delete/effect").asText()).isEqualTo("deletes");
        assertThat(schema.at("/commands/issue/subcommands/create/effect").asText()).isEqualTo("writes");
    }

    private interface Visitor {
        void leaf(String path, JsonNode command) throws Exception;
    }

    private static void walk(JsonNode commands, Visitor visitor) throws Exception {
        for (var it = commands.fields(); it.hasNext(); ) {
            JsonNode command = it.next().getValue();
            if (command.has("subcommands")) {
                walk(command.get("subcommands"), visitor);
            } else {
                visitor.leaf(command.get("path").asText().replaceFirst("^jit ", ""), command);
            }
        }
    }

    /** Every file under .jit/ but the lock files and the derived cache, with its content and modification time. */
    private Map<String, String> files() throws IOException {
        Path store = dir.resolve(".jit");
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(store)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String rel = store.relativize(p).toString();
                if (Files.isRegularFile(p) && !rel.endsWith(".lock") && !rel.startsWith("cache")) {
                    out.put(rel, Files.readString(p) + "@" + Files.getLastModifiedTime(p).toMillis());
                }
            }
        }
        return out;
    }

    private void git(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), output).isZero();
    }
}
