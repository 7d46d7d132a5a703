package dev.jit.dispatch.engine;

import dev.jit.core.graph.DependencyGraph;
import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import dev.jit.core.service.IssueService;
import dev.jit.core.store.StoreView;
import dev.jit.core.store.Transaction;
import dev.jit.dispatch.config.AgentConfig;
import dev.jit.dispatch.config.DispatchConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Which ready issue goes to which agent: priority order (ties: oldest), each agent's filter, free slots. */
public final class Scheduler {
    /** An issue claimed for an agent in the current transaction. */
    public record Claim(Issue issue, AgentConfig agent) {
    }

    private final DispatchConfig config;

    public Scheduler(DispatchConfig config) {
        this.config = config;
    }

    /** Ready, unassigned, unblocked issues in dispatch order. */
    public List<Issue> queue(StoreView view) {
        List<Issue> all = view.issues();
        DependencyGraph graph = new DependencyGraph(all);
        Map<String, Integer> age = new HashMap<>();
        List<String> ids = view.ids();
        for (int i = 0; i < ids.size(); i++) {
            age.put(ids.get(i), i);
        }
        return all.stream()
                .filter(i -> i.state() == State.READY && i.assignee() == null && !graph.isBlocked(i))
                .sorted(Comparator.<Issue>comparingInt(i -> config.rank(i.priority()))
                        .thenComparingInt(i -> age.getOrDefault(i.id(), Integer.MAX_VALUE)))
                .toList();
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
     * @param eligible issues to consider (the dispatcher holds back recently failed ones)
     */
    public List<Claim> claim(Transaction tx, Map<String, Integer> free, Predicate<Issue> eligible) {
        List<Claim> claims = new ArrayList<>();
        for (Issue issue : queue(tx)) {
            if (free.values().stream().allMatch(n -> n <= 0)) {
                break;
            }
            if (!eligible.test(issue)) {
                continue;
            }
            Optional<AgentConfig> agent = agentFor(issue, a -> free.getOrDefault(a.id(), 0) > 0);
            if (agent.isPresent()) {
                Issue claimed = IssueService.claimIn(tx, issue, agent.get().assignee()).issue();
                free.merge(agent.get().id(), -1, Integer::sum);
                claims.add(new Claim(claimed, agent.get()));
            }
        }
        return claims;
    }
}
