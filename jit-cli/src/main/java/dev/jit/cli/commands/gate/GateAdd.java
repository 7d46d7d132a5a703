package dev.jit.cli.commands.gate;

import dev.jit.core.Presentation;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.core.model.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit gate add}. */
@Command(name = "add", description = "Require a registered gate on an issue.", mixinStandardHelpOptions = true)
public final class GateAdd extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix")
    String id;

    @Parameters(index = "1", paramLabel = "GATE_KEY", description = "Gate key from 'jit registry list'")
    String key;

    @Override
    protected void run() {
        Outcome o = jit().gates().require(id, key);
        String message = "Added gate '" + key + "' to issue " + o.issue().id();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issue_id", o.issue().id());
        data.put("gate_key", key);
        data.put("message", message);
        data.put("issue", Presentation.outcome(o.issue(), o.stateChanges()));
        report(data, message, o.issue().id(), o.stateChanges());
    }
}
