package dev.jit.cli.commands.doc;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.model.DocumentReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit doc list}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "list", description = {"Documents linked to an issue.",
        "On a terminal: one line per link with label, commit and type; in a pipe: one path per line."},
        mixinStandardHelpOptions = true)
public final class DocList extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix (4+ characters)")
    String id;

    @Override
    protected void run() {
        String full = jit().issues().resolveId(id);
        List<DocumentReference> docs = jit().documents().list(full);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issue_id", full);
        data.put("documents", docs.stream().map(DocCommand::json).toList());
        data.put("count", docs.size());
        emit(data, () -> {
            if (!terminal()) {
                docs.forEach(d -> out().println(d.path()));
            } else if (docs.isEmpty()) {
                out().println("No document references for issue " + shortId(full));
            } else {
                docs.forEach(d -> out().println("  - " + DocCommand.line(d)));
                out().println("Total: " + docs.size());
            }
        });
    }
}
