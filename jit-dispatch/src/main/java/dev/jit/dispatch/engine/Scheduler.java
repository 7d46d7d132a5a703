package dev.jit.dispatch.engine;

import dev.jit.core.model.Issue;
import dev.jit.core.Agents;
import dev.jit.core.Jit;
import dev.jit.dispatch.config.AgentConfig;
import dev.jit.dispatch.config.DispatchConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Which ready issue goes to which agent: priority order (ties: oldest), each agent's filter, free slots. */
public final class Scheduler {
    /**
     * An issue claimed for an agent in the current transaction, which try of the issue it is (from 1), and the
     * log file its run will write.
     */
    public record Claim(Issue issue, AgentConfig agent, int attempt, java.nio.file.Path log) {
    }

    private final DispatchConfig config;

    public Scheduler(DispatchConfig config) {
        this.config = config;
    }

    /** Ready, unassigned, unblocked issues in dispatch order (the configured priority order, then oldest). */
    public List<Issue> queue(Jit jit) {
        return jit.agents().queue(config::rank);
    }

    /** The first agent, in config order, that takes {@code issue} and passes {@code hasRoom}. */
    public Optional<AgentConfig> agentFor(Issue issue, Predicate<AgentConfig> hasRoom) {
        return config.agents().stream().filter(a -> a.filter().test(issue, false)).filter(hasRoom).findFirst();
    }

    /**
     * Claims as much of the queue as the free slots allow, inside {@code tx}: the claim and the choice are
     * one locked read-modify-write, so a concurrent claim by anyone else is either seen here or fails there.
     *
     * @param free free slots per agent id; decremented as issues are claimed
     * @param eligible issues to consider (the dispatcher holds back failed ones until their retry time)
     */
    public List<Claim> claim(Agents.Commit tx, Map<String, Integer> free, Predicate<Issue> eligible,
                             ClaimStep claimStep) {
        List<Claim> claims = new ArrayList<>();
        for (Issue issue : tx.queue(config::rank, eligible)) {
            if (free.values().stream().allMatch(n -> n <= 0)) {
                break;
            }
            Optional<AgentConfig> agent = agentFor(issue, a -> free.getOrDefault(a.id(), 0) > 0);
            if (agent.isPresent()) {
                claims.add(claimStep.claim(tx, issue, agent.get()));
                free.merge(agent.get().id(), -1, Integer::sum);
            }
        }
        return claims;
    }

    /** How the dispatcher claims one chosen issue for one agent inside the cycle's commit. */
    @FunctionalInterface
    public interface ClaimStep {
        Claim claim(Agents.Commit tx, Issue issue, AgentConfig agent);
    }
}
