package dev.jit.cli.commands.issue;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.core.model.Issue;
import dev.jit.core.Issues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit issue breakdown}. */
@Command(name = "breakdown", description = {"Split an issue into subtasks in one atomic command.",
        "Subtasks inherit the parent's dependencies, priority and labels; the parent then depends on them."},
        mixinStandardHelpOptions = true)
public final class IssueBreakdown extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "PARENT_ID", description = "Issue to break down")
    String parentId;

    @Option(names = "--subtask", required = true, paramLabel = "TITLE", description = "Subtask title (repeatable)")
    List<String> subtasks = new ArrayList<>();

    @Option(names = {"--desc", "--description"}, paramLabel = "TEXT",
            description = "Description of the subtask at the same position (repeatable)")
    List<String> descriptions = new ArrayList<>();

    @Override
    protected boolean printsOnlyWhatScriptsNeed() {
        return true;
    }

    @Override
    protected void run() {
        List<Issues.Subtask> specs = new ArrayList<>();
        for (int k = 0; k < subtasks.size(); k++) {
            specs.add(new Issues.Subtask(subtasks.get(k), k < descriptions.size() ? descriptions.get(k) : ""));
        }
        Issues.Breakdown result = jit().issues().breakdown(parentId, specs);
        List<String> ids = result.subtasks().stream().map(Issue::id).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("parent_id", result.parent().id());
        data.put("subtask_ids", ids);
        data.put("count", ids.size());
        data.put("message", "Broke down " + result.parent().id() + " into " + ids.size() + " subtasks");
        emit(data, () -> {
            if (!terminal() || quiet()) {
                ids.forEach(out()::println);
                return;
            }
            out().println("Broke down " + result.parent().id() + " into " + ids.size() + " subtasks:");
            for (int k = 0; k < ids.size(); k++) {
                out().println("  " + (k + 1) + ". " + ids.get(k) + "  " + result.subtasks().get(k).title());
            }
        });
    }
}
