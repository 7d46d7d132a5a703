package dev.jit.cli.commands.issue;

import dev.jit.core.Presentation;

import dev.jit.cli.support.Candidates;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.cli.support.IssueText;
import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.KeyValues;
import dev.jit.cli.support.Output;
import dev.jit.core.error.JitException;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.core.query.IssueFilter;
import dev.jit.cli.support.CheckProgress;
import dev.jit.core.Gates;
import dev.jit.core.Issues;
import dev.jit.core.model.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit issue update}. */
@Command(name = "update", description = {"Change fields of one or more issues (one atomic command).",
        "--state ready/in_progress/done/gated fail when the issue is blocked; done with pending gates becomes gated;",
        "done first runs the issue's postcheck gate checkers, in_progress its prechecks (a failing one: exit 4);",
        "dependents that become unblocked move backlog -> ready in the same command."},
        mixinStandardHelpOptions = true)
public final class IssueUpdate extends JitSubcommand {
    @Parameters(paramLabel = "ID", arity = "0..*", description = "Issue ids or unique prefixes")
    List<String> ids = new ArrayList<>();

    @Option(names = {"-f", "--filter"}, paramLabel = "EXPR",
            description = "Update every issue matching EXPR instead of listing ids, e.g. 'state:ready,label:epic:auth'")
    String filter;

    @Option(names = {"-t", "--title"}, description = "New title")
    String title;

    @Option(names = {"-d", "--desc", "--description"}, description = "New description")
    String description;

    @Option(names = {"-p", "--priority"}, completionCandidates = Candidates.Priorities.class, description = "low, normal, high or critical")
    String priority;

    @Option(names = {"-s", "--state"}, completionCandidates = Candidates.States.class, description = "backlog, ready, in_progress, gated, done, archived or rejected")
    String state;

    @Option(names = {"-l", "--label"}, split = ",", description = "Add label namespace:value (repeatable)")
    List<String> addLabels = new ArrayList<>();

    @Option(names = "--remove-label", split = ",", description = "Remove label (repeatable)")
    List<String> removeLabels = new ArrayList<>();

    @Option(names = {"-c", "--context"}, description = "Set context entry key=value (repeatable)")
    List<String> context = new ArrayList<>();

    @Option(names = "--unset-context", description = "Remove context entry KEY (repeatable)")
    List<String> unsetContext = new ArrayList<>();

    @Option(names = "--assignee", paramLabel = "WHO", description = "Assign to WHO (type:identifier), as 'issue assign'")
    String assignee;

    @Option(names = "--unassign", description = "Clear the assignee, as 'issue unassign'")
    boolean unassign;

    @Option(names = "--add-gate", split = ",", paramLabel = "KEY", description = "Require gate KEY from the registry (repeatable)")
    List<String> addGates = new ArrayList<>();

    @Option(names = "--remove-gate", split = ",", paramLabel = "KEY", description = "No longer require gate KEY "
            + "(repeatable); a gated issue whose last unpassed gate goes is done")
    List<String> removeGates = new ArrayList<>();

    @Option(names = "--no-check", description = "Do not run gate checkers now (--state done leaves the issue gated "
            + "until 'jit gate check'; --state in_progress skips its prechecks)")
    boolean noCheck;

    @Override
    protected void run() {
        if (ids.isEmpty() == (filter == null)) {
            throw JitException.invalidArgument("Give issue ids or --filter (exactly one of them)",
                    "e.g. jit issue update 1a2b --state done, or jit issue update --filter state:ready --priority high");
        }
        Issues.Edit edit = new Issues.Edit(title, description,
                priority == null ? null : Priority.parse(priority), state == null ? null : State.parse(state),
                addLabels, removeLabels, KeyValues.parse(context), unsetContext, assignee, unassign, addGates,
                removeGates);
        Issues service = jit().issues();
        Gates.Checks checks = CheckProgress.checks(noCheck, env().err());
        List<Outcome> outcomes = filter != null ? service.updateMatching(IssueFilter.parse(filter), edit, checks)
                : service.update(ids, edit, checks);
        if (outcomes.size() == 1 && filter == null) {
            report("Updated issue: " + outcomes.get(0).issue().id(), outcomes.get(0));
            return;
        }
        if (!json()) {
            for (Outcome o : outcomes) {
                out().println("Updated issue: " + o.issue().id());
                IssueText.printStateChanges(out(), o.issue().id(), o.stateChanges());
            }
            out().println(outcomes.size() + " issue(s) updated");
            return;
        }
        List<ObjectNode> updated = new ArrayList<>();
        for (Outcome o : outcomes) {
            updated.add(Presentation.outcome(o.issue(), o.stateChanges()));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issues", updated);
        data.put("count", outcomes.size());
        Output.success(out(), data);
    }
}
