package dev.jit.dispatch.config;

import dev.jit.core.query.IssueFilter;

/**
 * One {@code [[agents]]} table: who takes work, how much at once, which work, and how it is run.
 *
 * @param maxRuntime how long one run may take before it is stopped and counted as failed; zero means no limit
 * @param worktree true for {@code workspace = "worktree"}: each run works in a git worktree of its own
 * @param keepWorktree keep a run's worktree after it ends instead of removing it
 */
public record AgentConfig(String id, String type, int maxConcurrent, CommandTemplate command, String filterText,
                          IssueFilter filter, java.time.Duration maxRuntime, boolean worktree, boolean keepWorktree) {

    /** The assignee the dispatcher claims issues for. */
    public String assignee() {
        return "agent:" + id;
    }
}
