package dev.jit.cli.commands;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.Output;
import dev.jit.cli.support.StoreEffect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code jit status}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "status", description = "Counts of issues by state, plus blocked and total.", mixinStandardHelpOptions = true)
public final class StatusCommand extends JitSubcommand {
    @Override
    protected void run() {
        Map<String, Integer> counts = jit().queries().status();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("open", counts.get("backlog")); // the reference's name for backlog, kept for compatibility
        data.putAll(counts);
        if (json()) {
            Output.success(out(), data);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Integer> c : counts.entrySet()) {
            rows.add(List.of("  " + c.getKey().replace('_', ' ') + ":", String.valueOf(c.getValue())));
        }
        out().println("Status:");
        Output.table(out(), rows);
    }
}
