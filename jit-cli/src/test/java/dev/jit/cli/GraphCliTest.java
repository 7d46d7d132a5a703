package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** graph show/downstream/roots/export through the CLI. */
class GraphCliTest {
    @TempDir
    Path dir;
    CliRunner jit;
    String epic;
    String api;
    String db;
    String ui;

    @BeforeEach
    void init() {
        jit = new CliRunner(dir);
        jit.ok("init");
        epic = jit.ok("issue", "create", "-t", "Epic \"v2\"");
        api = jit.ok("issue", "create", "-t", "API");
        db = jit.ok("issue", "create", "-t", "DB");
        ui = jit.ok("issue", "create", "-t", "UI");
        jit.ok("dep", "add", epic, api);
        jit.ok("dep", "add", epic, ui);
        jit.ok("dep", "add", api, db);
        jit.ok("dep", "add", ui, db);
    }

    @Test
    void showPrintsATreeWithSharedSubtreesMarked() {
        List<String> box = jit.terminal(true).run("graph", "show", epic.substring(0, 6)).lines();
        assertThat(box).hasSize(5);
        assertThat(box.get(0)).startsWith(epic.substring(0, 8) + "  Epic \"v2\"  [backlog, blocked]");
        assertThat(box.subList(1, 5)).allSatisfy(l -> assertThat(l).matches("^[├└│ ─]+[0-9a-f]{8}  .*"));
        assertThat(box.stream().filter(l -> l.contains("DB"))).hasSize(2)
                .anySatisfy(l -> assertThat(l).endsWith("(shared, see above)"));

        List<String> plain = jit.terminal(false).run("graph", "show", epic).lines();
        assertThat(plain.get(0)).startsWith(epic + "  ");
        assertThat(plain.subList(1, 5)).allSatisfy(l -> assertThat(l).matches("^ {2,4}[0-9a-f-]{36}  .*"));

        JsonNode data = jit.run("graph", "show", epic, "--json").data();
        assertThat(data.get("issue_id").asText()).isEqualTo(epic);
        assertThat(data.get("count").asInt()).isEqualTo(4);
        assertThat(data.get("tree")).extracting(n -> n.get("depth").asInt()).containsExactly(0, 1, 2, 1, 2);
        assertThat(data.get("tree")).extracting(n -> n.get("shared").asBoolean()).containsExactly(false, false, false, false, true);
        assertThat(data.at("/tree/4/id").asText()).isEqualTo(db);

        // Without an id: every issue appears under the issues nothing depends on.
        List<String> all = jit.terminal(false).run("graph", "show").lines();
        assertThat(all).hasSize(5);
        assertThat(jit.run("graph", "show", "--json").data().get("count").asInt()).isEqualTo(4);
    }

    @Test
    void downstreamAndRoots() {
        assertThat(jit.terminal(false).run("graph", "downstream", db).lines()).containsExactlyInAnyOrder(api, ui, epic);
        JsonNode down = jit.run("graph", "downstream", db, "--json").data();
        assertThat(down.get("count").asInt()).isEqualTo(3);
        assertThat(jit.run("graph", "roots").lines()).containsExactly(db);
        assertThat(jit.run("graph", "roots", "--json").data().at("/roots/0/id").asText()).isEqualTo(db);
        CliRunner.Result unknown = jit.run("graph", "downstream", "ffffffff");
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(unknown.out()).isEmpty();
    }

    @Test
    void exportWritesEveryFormatAndDotRenders() throws Exception {
        // A dangling edge (as left by a hand edit): its target must still be drawn.
        Path file = dir.resolve(".jit/issues/" + ui + ".json");
        String missing = "0badc0de-0000-4000-8000-000000000000";
        Files.writeString(file, Files.readString(file).replaceFirst("\"dependencies\"\\s*:\\s*\\[",
                "\"dependencies\": [\"" + missing + "\","));
        String dot = jit.ok("graph", "export");
        assertThat(dot).startsWith("digraph issues {").contains("\"" + missing + "\" [label=\"0badc0de\\n(missing)\"");
        Process p = new ProcessBuilder("dot", "-Tsvg").start();
        p.getOutputStream().write(dot.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String svg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(svg).contains("<svg").contains("Epic &quot;v2&quot;");

        CliRunner.Result written = jit.run("graph", "export", "-f", "MERMAID", "-o", "g.mmd");
        assertThat(written.exit()).isZero();
        assertThat(written.out()).startsWith("Graph exported to: " + dir.resolve("g.mmd"));
        assertThat(Files.readString(dir.resolve("g.mmd"))).startsWith("flowchart LR\n").contains("(missing)");

        JsonNode graph = CliRunner.parse(jit.ok("graph", "export", "--format", "json", "--from", epic, "--state", "backlog"));
        assertThat(graph.get("nodes")).extracting(n -> n.get("id").asText()).containsExactly(epic, api, ui, missing);
        JsonNode envelope = jit.run("graph", "export", "-f", "dot", "--json").data();
        assertThat(envelope.get("content").asText()).isEqualTo(dot + "\n");

        CliRunner.Result bad = jit.run("graph", "export", "-f", "png");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("Unsupported format: png");
        assertThat(jit.run("graph", "export", "--state", "nope").exit()).isEqualTo(2);
        assertThat(jit.run("graph", "export", "--from", "ffffffff").exit()).isEqualTo(3);
    }
}
