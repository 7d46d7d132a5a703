package dev.jit.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.json.Json;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export formats: completeness (missing nodes too), escaping, styles, and real Graphviz rendering. */
class GraphExportTest {
    static final String NASTY = "Say \"hi\" \\ back\\slash <b>&amp; #1 `tick` {x|y} ünï 😀\nsecond line";

    @TempDir
    Path tmp;

    static Issue issue(String title, State state, String... deps) {
        return Issue.create(UUID.randomUUID().toString(), title, "", Priority.NORMAL, List.of(), List.of(), "t")
                .withState(state).withDependencies(List.of(deps));
    }

    /** One issue per state; the first depends on all others and on an id that names no issue. */
    static List<Issue> everyState(String missingId) {
        List<Issue> others = new ArrayList<>();
        for (State s : State.values()) {
            others.add(issue(s == State.READY ? NASTY : "in " + s.wire(), s));
        }
        List<String> deps = new ArrayList<>(others.stream().skip(1).map(Issue::id).toList());
        deps.add(missingId);
        List<Issue> all = new ArrayList<>();
        all.add(others.get(0).withDependencies(deps));
        all.addAll(others.subList(1, others.size()));
        return all;
    }

    @Test
    void everyIssueAndEveryMissingTargetIsANode() {
        String missing = "deadbeef-0000-4000-8000-000000000000";
        Issue orphanChild = issue("only reachable through a dangling edge", State.BACKLOG, missing);
        List<Issue> issues = new ArrayList<>(everyState(missing));
        issues.add(orphanChild);
        GraphModel model = GraphModel.of(issues, null, Set.of());
        assertThat(model.nodes()).hasSize(issues.size() + 1);
        assertThat(model.nodes().stream().filter(GraphModel.Node::missing).map(GraphModel.Node::id)).containsExactly(missing);
        assertThat(model.edges()).contains(new GraphModel.Edge(orphanChild.id(), missing));

        JsonNode json = GraphExport.json(model);
        assertThat(json.get("nodes")).hasSize(issues.size() + 1);
        assertThat(json.at("/nodes/" + issues.size() + "/state").asText()).isEqualTo("missing");
        String dot = GraphExport.render(model, GraphExport.Format.DOT);
        String mermaid = GraphExport.render(model, GraphExport.Format.MERMAID);
        for (Issue i : issues) {
            assertThat(dot).contains("\"" + i.id() + "\" [label=");
        }
        assertThat(dot).contains("\"" + missing + "\" [label=\"deadbeef\\n(missing)\"");
        assertThat(mermaid.lines().filter(l -> l.matches("  n\\d+\\[\".*\"]:::st_\\w+"))).hasSize(issues.size() + 1);
        assertThat(mermaid.lines().filter(l -> l.matches("  n\\d+ --> n\\d+"))).hasSize(model.edges().size());
    }

    @Test
    void everyStateAndMissingHasItsOwnStyleInEveryFormat() {
        List<Issue> issues = everyState("feedface-0000-4000-8000-000000000000");
        GraphModel model = GraphModel.of(issues, null, Set.of());
        String dot = GraphExport.render(model, GraphExport.Format.DOT);
        String mermaid = GraphExport.render(model, GraphExport.Format.MERMAID);
        Set<String> fills = new HashSet<>();
        for (String key : GraphModel.styleKeys()) {
            assertThat(mermaid).contains("classDef st_" + key + " fill:");
            assertThat(mermaid).contains(":::st_" + key + "\n");
            String line = dot.lines().filter(l -> l.contains("[" + key) || l.contains("(missing)") && key.equals("missing"))
                    .findFirst().orElseThrow(() -> new AssertionError("no DOT node for " + key + " in\n" + dot));
            fills.add(line.replaceAll(".*fillcolor=\"([^\"]+)\".*", "$1"));
        }
        assertThat(fills).hasSize(GraphModel.styleKeys().size());
    }

    @Test
    void escapesTitlesForEachFormat() {
        assertThat(GraphExport.dotString("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
        assertThat(GraphExport.mermaidText("a\"b#c<d>&e`f\ng")).isEqualTo("a#34;b#35;c#60;d#62;#38;e#96;f g");
        String mermaid = GraphExport.render(GraphModel.of(List.of(issue(NASTY, State.READY)), null, Set.of()),
                GraphExport.Format.MERMAID);
        String label = mermaid.lines().filter(l -> l.startsWith("  n0[")).findFirst().orElseThrow();
        // Inside the quoted label only the closing quote may appear, and no raw '#', '<', '>' or '`'.
        String inner = label.substring(label.indexOf("[\"") + 2, label.lastIndexOf("\"]"));
        assertThat(inner).doesNotContain("\"", "<", ">", "`").contains("ünï 😀");
        assertThat(inner.replaceAll("#\\d+;", "")).doesNotContain("#");
    }

    @Test
    void graphvizRendersTheExportAndKeepsTitlesExact() throws Exception {
        List<Issue> issues = everyState("0badc0de-0000-4000-8000-000000000000");
        String dot = GraphExport.render(GraphModel.of(issues, null, Set.of()), GraphExport.Format.DOT);
        Path file = tmp.resolve("g.dot");
        Files.writeString(file, dot, StandardCharsets.UTF_8);
        Run svg = run("dot", "-Tsvg", file.toString());
        assertThat(svg.exit()).as(svg.err()).isZero();
        assertThat(svg.err()).isEmpty();
        assertThat(svg.out()).contains("<svg").contains("Say &quot;hi&quot;");
        // Graphviz's own parse of the labels must give back the title exactly (line break as \n).
        Run json = run("dot", "-Tjson", file.toString());
        assertThat(json.exit()).as(json.err()).isZero();
        List<String> labels = new ArrayList<>();
        Json.parse(json.out()).get("objects").forEach(o -> labels.add(o.path("label").asText()));
        Issue nasty = issues.stream().filter(i -> i.title().equals(NASTY)).findFirst().orElseThrow();
        // (-Tjson keeps DOT's escString form: a backslash stays doubled, a line break stays \n.)
        assertThat(labels).contains(nasty.id().substring(0, 8) + "\\n" + NASTY.replace("\\", "\\\\")
                .replace("\n", "\\n") + "\\n[ready]");
    }

    @Test
    void mermaidParsesWithTheRealMermaidCli() throws Exception {
        Path mmdc = MermaidCli.find();
        assertThat(mmdc).as("mermaid-cli (mmdc) is not installed: run ./dev test, or "
                + "PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix jit-core/src/test/mermaid (or set MMDC)").isNotNull();
        List<Issue> issues = new ArrayList<>(everyState("0badc0de-0000-4000-8000-000000000000"));
        issues.add(issue("end", State.READY));
        issues.add(issue("graph subgraph click style", State.READY));
        String mermaid = GraphExport.render(GraphModel.of(issues, null, Set.of()), GraphExport.Format.MERMAID);
        MermaidCli.Rendered r = MermaidCli.render(mmdc, tmp, mermaid);
        assertThat(r.exit()).as(r.log()).isZero();
        assertThat(r.svg()).contains("<svg").doesNotContain("Syntax error");
        // The rendered label is the title exactly (HTML-escaped once by the SVG writer; line break as a space).
        assertThat(r.svg().contains("Say \"hi\" \\ back\\slash &lt;b&gt;&amp;amp; #1 `tick` {x|y} ünï 😀 second line"))
                .as("title rendered verbatim").isTrue();
        // And the tool really rejects broken input, so the check above means something.
        MermaidCli.Rendered bad = MermaidCli.render(mmdc, tmp, "flowchart LR\n  n0[\"a \" b\"]\n");
        assertThat(bad.exit()).isNotZero();
    }

    @Test
    void fromAndStateSelectSubgraphs() {
        Issue c = issue("c", State.DONE);
        Issue b = issue("b", State.READY, c.id());
        Issue a = issue("a", State.BACKLOG, b.id());
        Issue other = issue("other", State.READY);
        List<Issue> all = List.of(a, b, c, other);
        assertThat(GraphModel.of(all, b.id(), Set.of()).nodes()).extracting(GraphModel.Node::id)
                .containsExactly(b.id(), c.id());
        GraphModel ready = GraphModel.of(all, null, EnumSet.of(State.READY));
        assertThat(ready.nodes()).extracting(GraphModel.Node::id).containsExactly(b.id(), other.id());
        assertThat(ready.edges()).isEmpty();
        assertThatThrownBy(() -> GraphModel.of(all, "nope", Set.of())).isInstanceOfSatisfying(JitException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ISSUE_NOT_FOUND));
        assertThatThrownBy(() -> GraphExport.Format.parse("png")).isInstanceOfSatisfying(JitException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThat(GraphExport.Format.parse("Mermaid")).isEqualTo(GraphExport.Format.MERMAID);
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }
}
