package dev.jit.cli.commands.gate;

import dev.jit.cli.support.CheckProgress;
import dev.jit.cli.support.IssueText;
import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.Output;
import dev.jit.core.Gates;
import dev.jit.core.Presentation;
import dev.jit.core.error.JitException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit gate check}. */
@Command(name = "check", description = {"Run gate checkers and pass or fail the gates from their result.",
        "Runs the named gates (or every gate of the issue that has a checker), holding no lock while they run;",
        "each run is recorded under gate-runs/. Exit 4 if any did not pass."}, mixinStandardHelpOptions = true)
public final class GateCheck extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix")
    String id;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "GATE_KEY", description = "Gates to run (default: all with a checker)")
    List<String> keys = new ArrayList<>();

    @Override
    protected void run() {
        Gates.Check check = jit().gates().check(id, keys, new CheckProgress(env().err()));
        JitException failure = Gates.failureOf(check);
        if (failure != null) {
            throw failure;
        }
        if (json()) {
            Output.success(out(), Presentation.gateCheck(check));
            return;
        }
        out().println(check.runs().isEmpty() ? "Issue " + check.issue().id() + " has no gate with a checker to run"
                : "Passed " + check.runs().size() + " gate check(s) for issue " + check.issue().id());
        IssueText.printStateChanges(out(), check.issue().id(), check.stateChanges());
    }
}
