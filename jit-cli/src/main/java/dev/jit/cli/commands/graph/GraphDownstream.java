package dev.jit.cli.commands.graph;

import dev.jit.core.Presentation;

import dev.jit.cli.support.IssueText;
import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.Queries.IssueView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit graph downstream ID}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "downstream", description = "Issues that depend on ID, directly or transitively (nearest first).",
        mixinStandardHelpOptions = true)
public final class GraphDownstream extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix (4+ characters)")
    String id;

    @Override
    protected void run() {
        String full = jit().issues().resolveId(id);
        List<IssueView> views = jit().graphs().downstream(full);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issue_id", full);
        data.put("dependents", Presentation.issues(views));
        data.put("count", views.size());
        emit(data, () -> {
            if (terminal()) {
                out().println("Downstream dependents of " + shortId(full) + ":");
            }
            IssueText.printList(out(), views, terminal());
        });
    }
}
