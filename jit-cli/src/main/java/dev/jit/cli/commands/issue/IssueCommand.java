package dev.jit.cli.commands.issue;

import picocli.CommandLine.Command;

/** {@code jit issue …}. */
@Command(name = "issue", description = "Create, inspect and change issues.", mixinStandardHelpOptions = true)
public final class IssueCommand {
}
