package dev.jit.cli.commands.gate;

import dev.jit.core.Presentation;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.core.model.GateStatus;
import dev.jit.core.model.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Shared body of {@code gate pass} and {@code gate fail}. */
abstract class GateResult extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix")
    String id;

    @Parameters(index = "1", paramLabel = "GATE_KEY", description = "A gate the issue requires")
    String key;

    @Option(names = {"-b", "--by"}, paramLabel = "WHO", description = "Who checked it, e.g. ci:github-actions")
    String by;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why a human passes a gate that has a checker "
            + "without running it (recorded in the event)")
    String reason;

    abstract GateStatus status();

    @Override
    protected void run() {
        Outcome o = jit().gates().record(id, key, status(), by, reason);
        String verb = status() == GateStatus.PASSED ? "Passed" : "Failed";
        String message = verb + " gate '" + key + "' for issue " + o.issue().id();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issue_id", o.issue().id());
        data.put("gate_key", key);
        data.put("status", status().wire());
        data.put("message", message);
        data.put("issue", Presentation.outcome(o.issue(), o.stateChanges()));
        report(data, message, o.issue().id(), o.stateChanges());
    }
}
