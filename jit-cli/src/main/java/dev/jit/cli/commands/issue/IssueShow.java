package dev.jit.cli.commands.issue;

import dev.jit.core.Presentation;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.Output;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.model.DocumentReference;
import dev.jit.core.model.GateState;
import dev.jit.core.model.Issue;
import dev.jit.core.Queries;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit issue show}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "show", description = {"Show every field of one or more issues.",
        "--json: the issue object for one ID, an array in argument order for several."},
        mixinStandardHelpOptions = true)
public final class IssueShow extends JitSubcommand {
    @Parameters(index = "0", arity = "1..*", paramLabel = "ID", description = "Issue id or unique prefix (4+ characters)")
    List<String> id;

    @Override
    protected void run() {
        List<Queries.IssueView> views = new ArrayList<>(id.size());
        for (String one : id) { // every id is checked before anything is printed
            views.add(jit().queries().show(one));
        }
        if (json()) {
            if (views.size() == 1) {
                Output.success(out(), Presentation.issue(views.get(0).issue(), views.get(0).blocked()));
            } else {
                Output.success(out(), Presentation.issues(views));
            }
            return;
        }
        for (int k = 0; k < views.size(); k++) {
            if (k > 0) {
                out().println();
            }
            print(out(), views.get(k));
        }
    }

    private static void print(PrintStream out, Queries.IssueView view) {
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
        for (String d : i.dependencies()) {
            out.println("  " + d);
        }
        out.println("Gates:       " + (i.gatesRequired().isEmpty() ? "-" : ""));
        for (String g : i.gatesRequired()) {
            GateState gs = i.gatesStatus().get(g);
            out.println("  " + g + "  " + (gs == null ? "pending" : gs.status().wire()
                    + (gs.updatedBy() == null ? "" : " by " + gs.updatedBy())
                    + (gs.updatedAt() == null ? "" : " at " + gs.updatedAt())));
        }
        if (!i.context().isEmpty()) {
            out.println("Context:");
            for (Map.Entry<String, String> c : i.context().entrySet()) {
                out.println("  " + c.getKey() + " = " + c.getValue());
            }
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
        printLines(out, i.description());
    }

    /** Each line of {@code text} indented, as {@code text.lines()} splits it (without linking a stream). */
    private static void printLines(PrintStream out, String text) {
        int start = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '\n' || c == '\r') {
                out.println("  " + text.substring(start, k));
                if (c == '\r' && k + 1 < text.length() && text.charAt(k + 1) == '\n') {
                    k++;
                }
                start = k + 1;
            }
        }
        if (start < text.length()) {
            out.println("  " + text.substring(start));
        }
    }
}
