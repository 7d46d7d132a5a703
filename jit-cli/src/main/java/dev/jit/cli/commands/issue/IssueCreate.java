package dev.jit.cli.commands.issue;

import dev.jit.core.Presentation;

import dev.jit.cli.support.Candidates;
import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.KeyValues;
import dev.jit.cli.support.Output;
import dev.jit.core.error.JitException;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.Issues;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit issue create}. */
@Command(name = "create", description = {"Create an issue (state ready; backlog while a --depends-on issue is unfinished).",
        "On a terminal prints 'Created issue: <id>'; in a pipe or $(…) prints just the id."},
        mixinStandardHelpOptions = true)
public final class IssueCreate extends JitSubcommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TITLE", description = "Title (or -t/--title; exactly one)")
    String positionalTitle;

    @Option(names = {"-t", "--title"}, description = "Title (or as the first argument; exactly one)")
    String title;

    @Option(names = {"-d", "--desc", "--description"}, defaultValue = "", description = "Description (markdown)")
    String description;

    @Option(names = {"-p", "--priority"}, defaultValue = "normal", completionCandidates = Candidates.Priorities.class,
            description = "low, normal, high or critical (default: ${DEFAULT-VALUE})")
    String priority;

    @Option(names = {"-g", "--gate"}, split = ",", description = "Required gate key from the registry (repeatable)")
    List<String> gates = new ArrayList<>();

    @Option(names = {"-l", "--label"}, split = ",", description = "Label namespace:value (repeatable)")
    List<String> labels = new ArrayList<>();

    @Option(names = {"-c", "--context"}, description = "Context entry key=value (repeatable)")
    List<String> context = new ArrayList<>();

    @Option(names = "--depends-on", split = ",", paramLabel = "ID",
            description = "Issue (id or 4+ character prefix) this one depends on, added in the same commit (repeatable)")
    List<String> dependsOn = new ArrayList<>();

    @Override
    protected boolean printsOnlyWhatScriptsNeed() {
        return true;
    }

    @Override
    protected void run() {
        if ((title == null) == (positionalTitle == null)) {
            throw JitException.invalidArgument(title == null ? "An issue needs a title"
                    : "Give the title once: as the first argument or with --title, not both",
                    "e.g. jit issue create \"Fix login\" -p high");
        }
        Issue issue = jit().issues().create(new Issues.NewIssue(title != null ? title : positionalTitle, description,
                Priority.parse(priority), gates, labels, KeyValues.parse(context), dependsOn));
        if (json()) {
            Output.success(out(), Presentation.outcome(issue, List.of()));
        } else {
            out().println(terminal() && !quiet() ? "Created issue: " + issue.id() : issue.id());
        }
    }
}
