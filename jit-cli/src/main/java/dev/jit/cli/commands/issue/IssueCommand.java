package dev.jit.cli.commands.issue;

import picocli.CommandLine.Command;

/** {@code jit issue …}. */
@Command(name = "issue",
        subcommands = {IssueCreate.class, IssueList.class, IssueSearch.class, IssueShow.class, IssueUpdate.class,
                IssueDelete.class, IssueBreakdown.class, IssueAssign.class, IssueClaim.class, IssueUnassign.class,
                IssueRelease.class, IssueClaimNext.class, IssueHeartbeat.class, IssueReject.class},
        description = "Create, inspect and change issues.", mixinStandardHelpOptions = true)
public final class IssueCommand {
}
