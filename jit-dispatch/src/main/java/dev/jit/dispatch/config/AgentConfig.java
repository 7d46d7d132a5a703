package dev.jit.dispatch.config;

import dev.jit.core.query.IssueFilter;

/**
 * One {@code [[agents]]} table: who takes work, how much at once, which work, and how it is run.
 *
 * @param maxRuntime how long one run may take before it is stopped and counted as failed; zero means no limit
 */
public record AgentConfig(String id, String type, int maxConcurrent, CommandTemplate command, String filterText,
                          IssueFilter filter, java.time.Duration maxRuntime) {

    /** The assignee the dispatcher claims issues for. */
    public String assignee() {
        return "agent:" + id;
    }
}
