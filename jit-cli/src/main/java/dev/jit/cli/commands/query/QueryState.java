package dev.jit.cli.commands.query;

import dev.jit.cli.support.Candidates;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.model.State;
import dev.jit.core.query.IssueFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit query state}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "state", description = "Issues in STATE.", mixinStandardHelpOptions = true)
public final class QueryState extends IssueListing {
    @Parameters(index = "0", paramLabel = "STATE", completionCandidates = Candidates.States.class, description = "backlog, ready, in_progress, gated, done, archived or rejected")
    String state;

    @Override
    protected void run() {
        State s = State.parse(state);
        printMatching("state", s.wire(), IssueFilter.parse("state:" + s.wire()));
    }
}
