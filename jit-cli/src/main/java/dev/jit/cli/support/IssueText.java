package dev.jit.cli.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.json.IssueCodec;
import dev.jit.core.json.Json;
import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import dev.jit.core.service.QueryService.IssueView;
import dev.jit.core.service.StateChange;
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
            views.forEach(v -> sb.append(v.issue().id()).append('\n'));
            out.print(sb);
            return;
        }
        if (views.isEmpty()) {
            out.println("No issues.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "STATE", "PRIORITY", "ASSIGNEE", "TITLE"));
        for (IssueView v : views) {
            Issue i = v.issue();
            rows.add(List.of(JitSubcommand.shortId(i.id()), i.state().wire() + (v.blocked() && !i.state().isClosed()
                    ? "*" : ""), i.priority().wire(), i.assignee() == null ? "-" : i.assignee(), i.title()));
        }
        Output.table(out, rows);
        out.println();
        out.println(views.size() + " issue(s)" + (views.stream().anyMatch(v -> v.blocked() && !v.issue().state().isClosed())
                ? "; * = blocked by dependencies" : ""));
    }

    public static List<IssueView> unblockedViews(List<Issue> issues) {
        return issues.stream().map(i -> new IssueView(i, false)).toList();
    }

    /** {@code {"issues":[…],"summary":{"total":N,"by_state":{…}}}}. */
    public static Map<String, Object> listJson(List<IssueView> views) {
        Map<String, Integer> byState = new LinkedHashMap<>();
        for (State s : State.values()) {
            long n = views.stream().filter(v -> v.issue().state() == s).count();
            if (n > 0) {
                byState.put(s.wire(), (int) n);
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issues", views.stream().map(IssueText::viewJson).toList());
        data.put("summary", Map.of("total", views.size(), "by_state", byState));
        return data;
    }

    /** The issue as stored plus its derived {@code blocked} flag. */
    public static ObjectNode viewJson(IssueView v) {
        ObjectNode n = IssueCodec.toJson(v.issue());
        n.put("blocked", v.blocked());
        return n;
    }

    /** Data for commands that change one issue: the issue plus every state change they caused. */
    public static ObjectNode outcomeJson(Issue issue, List<StateChange> changes) {
        ObjectNode n = IssueCodec.toJson(issue);
        n.set("state_changes", Json.toTree(changes.stream().map(c -> Map.of("issue_id", c.issueId(),
                "from", c.from().wire(), "to", c.to().wire())).toList()));
        return n;
    }

    /** One line per side effect, e.g. "  → 1f2e3d4c backlog → ready". */
    public static void printStateChanges(PrintStream out, String primaryId, List<StateChange> changes) {
        for (StateChange c : changes) {
            String who = c.issueId().equals(primaryId) ? "" : JitSubcommand.shortId(c.issueId()) + " ";
            out.println("  " + who + c.from().wire() + " -> " + c.to().wire());
        }
    }
}
