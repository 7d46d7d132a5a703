package dev.jit.cli.support;

import dev.jit.core.Presentation;

import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import dev.jit.core.Queries.IssueView;
import dev.jit.core.model.StateChange;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Human and JSON renderings of issues shared by several commands. */
public final class IssueText {
    private IssueText() {
    }

    /**
     * Prints issues: on a terminal an aligned table with short ids; otherwise one full id per line so the
     * output pipes into {@code xargs}.
     */
    public static void printList(PrintStream out, List<IssueView> views, boolean terminal) {
        if (!terminal) {
            StringBuilder sb = new StringBuilder();
            for (IssueView v : views) {
                sb.append(v.issue().id()).append('\n');
            }
            out.print(sb);
            return;
        }
        if (views.isEmpty()) {
            out.println("No issues.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "STATE", "PRIORITY", "ASSIGNEE", "TITLE"));
        boolean anyBlocked = false;
        for (IssueView v : views) {
            Issue i = v.issue();
            boolean blocked = v.blocked() && !i.state().isClosed();
            anyBlocked |= blocked;
            rows.add(List.of(JitSubcommand.shortId(i.id()), i.state().wire() + (blocked ? "*" : ""),
                    i.priority().wire(), i.assignee() == null ? "-" : i.assignee(), i.title()));
        }
        Output.table(out, rows);
        out.println();
        out.println(views.size() + " issue(s)" + (anyBlocked ? "; * = blocked by dependencies" : ""));
    }

    public static List<IssueView> unblockedViews(List<Issue> issues) {
        List<IssueView> views = new ArrayList<>(issues.size());
        for (Issue i : issues) {
            views.add(new IssueView(i, false));
        }
        return views;
    }

    /** {@code {"issues":[…],"summary":{"total":N,"by_state":{…}}}}. */
    public static Map<String, Object> listJson(List<IssueView> views) {
        int[] counts = new int[State.values().length];
        for (IssueView v : views) {
            counts[v.issue().state().ordinal()]++;
        }
        Map<String, Integer> byState = new LinkedHashMap<>();
        for (State s : State.values()) {
            if (counts[s.ordinal()] > 0) {
                byState.put(s.wire(), counts[s.ordinal()]);
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issues", Presentation.issues(views));
        data.put("summary", Map.of("total", views.size(), "by_state", byState));
        return data;
    }

    /** One line per side effect, e.g. "  → 1f2e3d4c backlog → ready". */
    public static void printStateChanges(PrintStream out, String primaryId, List<StateChange> changes) {
        for (StateChange c : changes) {
            String who = c.issueId().equals(primaryId) ? "" : JitSubcommand.shortId(c.issueId()) + " ";
            out.println("  " + who + c.from().wire() + " -> " + c.to().wire());
        }
    }
}
