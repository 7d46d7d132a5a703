package dev.jit.dispatch.config;

import dev.jit.core.model.Priority;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A validated dispatch.toml.
 *
 * @param stallTimeout how long an agent may go without output before it is stopped; zero means never
 * @param priorityOrder every priority, most urgent first (the configured ones, then the rest)
 * @param retry how often an issue is tried and how long a failed one waits (shared by every dispatcher)
 * @param logs how many run logs are kept, and how long
 * @param leaseTtl the lease of every claim for an agent, renewed while the agent runs; zero: claims without lease
 */
public record DispatchConfig(Path file, Duration pollInterval, Duration stallTimeout, List<Priority> priorityOrder,
                             OnOrphan onOrphan, Duration shutdownGrace, RetryPolicy retry, LogRetention logs,
                             Duration leaseTtl, List<AgentConfig> agents) {

    public Optional<AgentConfig> agent(String id) {
        return agents.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** The agent an {@code agent:<id>} assignee belongs to, if it is one of ours. */
    public Optional<AgentConfig> agentForAssignee(String assignee) {
        return agents.stream().filter(a -> a.assignee().equals(assignee)).findFirst();
    }

    /** Rank of a priority in dispatch order: lower goes first. */
    public int rank(Priority p) {
        return priorityOrder.indexOf(p);
    }
}
