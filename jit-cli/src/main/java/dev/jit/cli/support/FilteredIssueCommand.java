package dev.jit.cli.support;

import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.core.query.IssueFilter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Base of {@code issue list} and {@code issue search}: the filters they share. A superclass rather than a
 * {@code @Mixin}, whose annotation type would cost these commands one more run-time generated proxy class.
 */
public abstract class FilteredIssueCommand extends ListCommand {
    @Option(names = {"-s", "--state"}, paramLabel = "STATE", split = ",", completionCandidates = Candidates.States.class,
            description = "Only these states (repeatable or comma-separated): backlog, ready, in_progress, gated, done, archived, rejected")
    List<String> states = new ArrayList<>();

    @Option(names = {"-a", "--assignee"}, paramLabel = "WHO", description = "Only issues assigned to WHO ('none': unassigned)")
    String assignee;

    @Option(names = {"-p", "--priority"}, paramLabel = "PRIORITY", split = ",", completionCandidates = Candidates.Priorities.class,
            description = "Only these priorities (repeatable or comma-separated)")
    List<String> priorities = new ArrayList<>();

    @Option(names = {"-l", "--label"}, paramLabel = "LABEL",
            description = "Only issues with this label (namespace:value, '*' wildcards; repeatable: all must match)")
    List<String> labels = new ArrayList<>();

    @Option(names = "--blocked", paramLabel = "true|false", description = "Only blocked (true) or unblocked (false) issues")
    Boolean blocked;

    @Option(names = {"-f", "--filter"}, paramLabel = "EXPR",
            description = "Filter expression, e.g. 'state:ready,priority:high|critical,label:epic:*'")
    String filter;

    protected IssueFilter issueFilter() {
        StringBuilder expr = new StringBuilder();
        if (!states.isEmpty()) {
            for (String state : states) {
                State.parse(state); // rejects a bad state with the list of valid ones
            }
            append(expr, "state:" + String.join("|", states));
        }
        if (assignee != null) {
            append(expr, "assignee:" + assignee);
        }
        if (!priorities.isEmpty()) {
            for (String priority : priorities) {
                Priority.parse(priority);
            }
            append(expr, "priority:" + String.join("|", priorities));
        }
        for (String label : labels) {
            append(expr, "label:" + label);
        }
        if (blocked != null) {
            append(expr, "blocked:" + blocked);
        }
        IssueFilter parsed = IssueFilter.parse(expr.toString());
        return filter == null ? parsed : parsed.and(IssueFilter.parse(filter));
    }

    private static void append(StringBuilder expr, String term) {
        if (expr.length() > 0) {
            expr.append(',');
        }
        expr.append(term);
    }
}
