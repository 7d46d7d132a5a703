package dev.jit.cli.commands.dep;

import dev.jit.core.Presentation;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.Dependencies.DepResult;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit dep rm}. */
@StoreEffect(StoreEffect.Kind.DELETES)
@Command(name = "rm", aliases = "remove", description = "Remove the dependency of FROM on TO (no-op if absent); "
        + "FROM becomes ready if that unblocks it.", mixinStandardHelpOptions = true)
public final class DepRm extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "FROM_ID", description = "The dependent issue")
    String from;

    @Parameters(index = "1", paramLabel = "TO_ID", description = "The issue it depends on (a dangling id works too)")
    String to;

    @Override
    protected void run() {
        DepResult r = jit().dependencies().remove(from, to);
        String message = "Removed dependency: " + r.fromId() + " no longer depends on " + r.toId();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from_id", r.fromId());
        data.put("to_id", r.toId());
        data.put("message", message);
        data.put("issue", Presentation.outcome(r.from(), r.stateChanges()));
        report(data, message, r.fromId(), r.stateChanges());
    }
}
