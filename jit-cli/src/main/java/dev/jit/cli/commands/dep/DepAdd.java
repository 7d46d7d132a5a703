package dev.jit.cli.commands.dep;

import dev.jit.core.Presentation;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.core.Dependencies.DepResult;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit dep add}. */
@Command(name = "add", description = {"Make FROM depend on TO (FROM waits for TO).",
        "Refuses cycles (exit 4); skips edges already implied transitively; keeps FROM's list reduced.",
        "A ready FROM moves to backlog while TO is not done."}, mixinStandardHelpOptions = true)
public final class DepAdd extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "FROM_ID", description = "The dependent issue")
    String from;

    @Parameters(index = "1", paramLabel = "TO_ID", description = "The issue it depends on")
    String to;

    @Override
    protected void run() {
        DepResult r = jit().dependencies().add(from, to);
        String message = switch (r.status()) {
            case ADDED -> "Added dependency: " + r.fromId() + " depends on " + r.toId();
            case SKIPPED -> "Skipped: " + r.fromId() + " already depends on " + r.toId() + " transitively";
            case EXISTS -> "Dependency already exists: " + r.fromId() + " depends on " + r.toId();
        };
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from_id", r.fromId());
        data.put("to_id", r.toId());
        data.put("status", r.status().name().toLowerCase(Locale.ROOT));
        data.put("message", message);
        data.put("removed_redundant", r.removedRedundant());
        data.put("issue", Presentation.outcome(r.from(), r.stateChanges()));
        StringBuilder text = new StringBuilder(message);
        for (String dropped : r.removedRedundant()) {
            text.append(System.lineSeparator()).append("  dropped redundant direct dependency on ").append(dropped);
        }
        report(data, text.toString(), r.fromId(), r.stateChanges());
    }
}
