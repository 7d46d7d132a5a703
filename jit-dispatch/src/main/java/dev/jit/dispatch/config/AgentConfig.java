package dev.jit.dispatch.config;

import dev.jit.core.query.IssueFilter;

/** One {@code [[agents]]} table: who takes work, how much at once, which work, and how it is run. */
public record AgentConfig(String id, String type, int maxConcurrent, CommandTemplate command, String filterText,
                          IssueFilter filter) {

    /** The assignee the dispatcher claims issues for. */
    public String assignee() {
        return "agent:" + id;
    }
}
