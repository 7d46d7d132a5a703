package dev.jit.cli.commands.graph;

import dev.jit.cli.support.Candidates;
import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.graph.GraphExport;
import dev.jit.core.graph.GraphModel;
import dev.jit.core.model.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jit graph export}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "export", description = {"Export the dependency graph as Graphviz DOT, a Mermaid flowchart or JSON.",
        "Every issue appears, plus a dashed 'missing' node for each dependency that names no issue; each state "
                + "has its own style. Edges run from the dependent to its dependency.",
        "With --json the envelope's data holds the export as 'content' (or, with -o, the file written).",
        "Render DOT with: jit graph export | dot -Tsvg > graph.svg"}, mixinStandardHelpOptions = true)
public final class GraphExportCommand extends JitSubcommand {
    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "dot",
            completionCandidates = Candidates.ExportFormats.class, description = "dot, mermaid or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout")
    Path output;

    @Option(names = "--from", paramLabel = "ID", description = "Only ID and the issues it depends on, transitively")
    String from;

    @Option(names = "--state", paramLabel = "STATE", split = ",", completionCandidates = Candidates.States.class,
            description = "Only issues in these states (repeatable or comma-separated)")
    List<String> states = new ArrayList<>();

    @Override
    protected void run() {
        GraphExport.Format f = GraphExport.Format.parse(format);
        Set<State> wanted = EnumSet.noneOf(State.class);
        states.forEach(s -> wanted.add(State.parse(s)));
        GraphModel model = jit().graphs().model(from, wanted);
        String text = GraphExport.render(model, f);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("format", f.toString());
        data.put("nodes", model.nodes().size());
        data.put("edges", model.edges().size());
        if (output == null) {
            data.put("content", text);
            emit(data, () -> {
                out().print(text);
                out().flush();
            });
            return;
        }
        Path target = env().workingDir().resolve(output);
        try {
            Files.writeString(target, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JitException(ErrorCode.IO_ERROR, "Cannot write " + target + ": " + e.getMessage());
        }
        data.put("path", target.toString());
        emit(data, () -> out().println("Graph exported to: " + target + " (" + model.nodes().size() + " nodes, "
                + model.edges().size() + " edges)"));
    }
}
