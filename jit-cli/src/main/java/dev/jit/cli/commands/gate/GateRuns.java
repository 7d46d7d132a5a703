package dev.jit.cli.commands.gate;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.Output;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.Gates;
import dev.jit.core.Presentation;
import dev.jit.core.model.GateRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit gate runs}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "runs", description = "Show the recorded checker runs of an issue, newest first.",
        mixinStandardHelpOptions = true)
public final class GateRuns extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix")
    String id;

    @Parameters(index = "1", arity = "0..1", paramLabel = "GATE_KEY", description = "Only this gate's runs")
    String key;

    @Option(names = {"-n", "--limit"}, defaultValue = "10", description = "At most N runs (0: all; default 10)")
    int limit;

    @Option(names = "--output", description = "Also print each run's stdout and stderr (the kept tails)")
    boolean output;

    @Override
    protected void run() {
        List<GateRun> runs = jit().gates().runs(id, key, limit);
        if (json()) {
            List<Object> records = new ArrayList<>();
            for (GateRun run : runs) {
                records.add(Presentation.gateRun(run));
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("runs", records);
            data.put("count", runs.size());
            Output.success(out(), data);
            return;
        }
        if (runs.isEmpty()) {
            out().println("No gate runs recorded" + (key == null ? "" : " for gate '" + key + "'"));
            return;
        }
        for (GateRun run : runs) {
            out().println(run.startedAt() + "  " + run.gateKey() + "  " + run.status()
                    + (run.exitCode() == null ? "" : " (exit " + run.exitCode() + ")") + "  "
                    + Gates.seconds(run.durationMs()) + "  by " + run.by() + "  " + run.runId());
            if (run.message() != null) {
                out().println("  " + run.message());
            }
            if (output) {
                out().println("  $ " + run.command());
                printBlock("stdout", run.stdout());
                printBlock("stderr", run.stderr());
            }
        }
    }

    private void printBlock(String name, String text) {
        if (!text.isEmpty()) {
            out().println("  --- " + name);
            out().println(text.stripTrailing());
        }
    }
}
