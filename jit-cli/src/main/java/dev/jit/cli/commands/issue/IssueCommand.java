package dev.jit.cli.commands.issue;

import picocli.CommandLine.Command;

/** {@code jit issue …}. */
@Command(name = "issue", description = "Create, inspect and change issues.", mixinStandardHelpOptions = true,
        subcommands = {IssueCreate.class, IssueList.class, IssueSearch.class, IssueShow.class, IssueUpdate.class,
                IssueDelete.class, IssueBreakdown.class, IssueAssign.class, IssueClaim.class, IssueUnassign.class,
                IssueRelease.class, IssueClaimNext.class, IssueReject.class})
public final class IssueCommand {
}
