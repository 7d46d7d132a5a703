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

/** {@code jit graph roots}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "roots", description = "Issues with no dependencies (any state), in creation order.",
        mixinStandardHelpOptions = true)
public final class GraphRoots extends JitSubcommand {
    @Override
    protected void run() {
        List<IssueView> views = jit().graphs().roots();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("roots", Presentation.issues(views));
        data.put("count", views.size());
        emit(data, () -> {
            if (terminal()) {
                out().println("Root issues (no dependencies):");
            }
            IssueText.printList(out(), views, terminal());
        });
    }
}
