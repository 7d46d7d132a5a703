package dev.jit.cli.commands.registry;

import dev.jit.core.Presentation;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.Output;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.model.Gate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code jit registry list}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "list", description = "List gate definitions.", mixinStandardHelpOptions = true)
public final class RegistryList extends JitSubcommand {
    @Override
    protected void run() {
        List<Gate> gates = jit().gates().list();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("gates", gates.stream().map(Presentation::gate).toList());
        data.put("count", gates.size());
        emit(data, () -> {
            if (!terminal()) {
                gates.forEach(g -> out().println(g.key()));
                return;
            }
            if (gates.isEmpty()) {
                out().println("No gates defined. Add one with: jit registry add <key> --title \"…\"");
                return;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("KEY", "AUTO", "CHECKER", "TITLE"));
            gates.forEach(g -> rows.add(List.of(g.key(), String.valueOf(g.auto()),
                    g.checker() == null ? "-" : g.effectiveStage().wire(), g.title())));
            Output.table(out(), rows);
        });
    }
}
