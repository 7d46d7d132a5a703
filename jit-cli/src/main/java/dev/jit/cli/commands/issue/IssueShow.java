package dev.jit.cli.commands.issue;

import dev.jit.cli.support.IssueText;
import dev.jit.cli.support.JitSubcommand;
import dev.jit.core.model.DocumentReference;
import dev.jit.core.model.GateState;
import dev.jit.core.model.Issue;
import dev.jit.core.service.QueryService;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit issue show}. */
@Command(name = "show", description = "Show every field of an issue.", mixinStandardHelpOptions = true)
public final class IssueShow extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix (4+ characters)")
    String id;

    @Override
    protected void run() {
        QueryService.IssueView view = new QueryService(store()).show(id);
        emit(IssueText.viewJson(view), () -> print(out(), view));
    }

    private static void print(PrintStream out, QueryService.IssueView view) {
        Issue i = view.issue();
        out.println("ID:          " + i.id());
        out.println("Title:       " + i.title());
        out.println("State:       " + i.state().wire() + (view.blocked() && !i.state().isClosed() ? " (blocked)" : ""));
        out.println("Priority:    " + i.priority().wire());
        out.println("Assignee:    " + (i.assignee() == null ? "-" : i.assignee()));
        out.println("Labels:      " + (i.labels().isEmpty() ? "-" : String.join(", ", i.labels())));
        out.println("Created:     " + (i.createdAt() == null ? "-" : i.createdAt()));
        out.println("Updated:     " + (i.updatedAt() == null ? "-" : i.updatedAt()));
        out.println("Dependencies:" + (i.dependencies().isEmpty() ? " -" : ""));
        i.dependencies().forEach(d -> out.println("  " + d));
        out.println("Gates:       " + (i.gatesRequired().isEmpty() ? "-" : ""));
        for (String g : i.gatesRequired()) {
            GateState gs = i.gatesStatus().get(g);
            out.println("  " + g + "  " + (gs == null ? "pending" : gs.status().wire()
                    + (gs.updatedBy() == null ? "" : " by " + gs.updatedBy())
                    + (gs.updatedAt() == null ? "" : " at " + gs.updatedAt())));
        }
        if (!i.context().isEmpty()) {
            out.println("Context:");
            i.context().forEach((k, v) -> out.println("  " + k + " = " + v));
        }
        if (!i.documents().isEmpty()) {
            out.println("Documents:");
            for (DocumentReference d : i.documents()) {
                out.println("  - " + d.path() + (d.label() == null ? "" : " (" + d.label() + ")")
                        + " [" + (d.commit() == null ? "HEAD" : d.commit().substring(0, Math.min(7, d.commit().length())))
                        + "]");
            }
        }
        out.println("Description:" + (i.description().isEmpty() ? " -" : ""));
        i.description().lines().forEach(l -> out.println("  " + l));
    }
}
