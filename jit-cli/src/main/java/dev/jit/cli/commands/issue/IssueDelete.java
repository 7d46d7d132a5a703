package dev.jit.cli.commands.issue;

import dev.jit.cli.support.IssueText;
import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.Issues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit issue delete}. */
@StoreEffect(StoreEffect.Kind.DELETES)
@Command(name = "delete", description = {"Delete issues (ids as arguments, or one per line on stdin with '-').",
        "With no ids it deletes nothing and exits 0, so 'jit issue list --state archived | xargs jit issue delete' is safe.",
        "Refuses when other issues depend on them, unless --force (which removes those edges)."},
        mixinStandardHelpOptions = true)
public final class IssueDelete extends JitSubcommand {
    @Parameters(paramLabel = "ID", arity = "0..*", description = "Issue ids or unique prefixes")
    List<String> ids = new ArrayList<>();

    @Option(names = "--force", description = "Also delete issues others depend on, detaching the dependents")
    boolean force;

    @Override
    protected void run() {
        if (ids.equals(List.of("-"))) {
            ids = new java.io.BufferedReader(new java.io.InputStreamReader(env().in(),
                    java.nio.charset.StandardCharsets.UTF_8)).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
        if (ids.isEmpty()) {
            emit(Map.of("deleted", List.of(), "count", 0, "detached_dependents", List.of()),
                    () -> env().err().println("No issue ids given: nothing deleted"));
            return;
        }
        Issues.Deletion result = jit().issues().delete(ids, force);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deleted", result.deleted());
        data.put("count", result.deleted().size());
        data.put("detached_dependents", result.detachedDependents());
        emit(data, () -> {
            result.deleted().forEach(id -> out().println("Deleted issue: " + id));
            result.detachedDependents().forEach(id -> out().println("  detached dependent " + id));
            IssueText.printStateChanges(out(), "", result.stateChanges());
        });
    }
}
