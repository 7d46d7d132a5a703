package dev.jit.cli.commands.doc;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.core.model.DocumentReference;
import dev.jit.core.model.Issue;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit doc add}. */
@Command(name = "add", description = {"Link a document to an issue (replacing an earlier link to the same path).",
        "The file must exist at the pinned commit, or (unpinned) at HEAD or in the work tree. A pinned commit is "
                + "stored as its full hash."}, mixinStandardHelpOptions = true)
public final class DocAdd extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix (4+ characters)")
    String id;

    @Parameters(index = "1", paramLabel = "PATH", description = "File path relative to the repository root")
    String path;

    @Option(names = {"-c", "--commit"}, paramLabel = "REV", description = "Pin the link to this commit (hash, branch, tag…); default: follow HEAD")
    String commit;

    @Option(names = {"-l", "--label"}, paramLabel = "TEXT", description = "Short description shown with the link")
    String label;

    @Option(names = {"-t", "--doc-type"}, paramLabel = "TYPE", description = "Free-form kind, e.g. design, spec, adr")
    String docType;

    @Override
    protected void run() {
        Issue issue = jit().documents().add(id, path, commit, label, docType);
        DocumentReference d = issue.documents().get(issue.documents().size() - 1);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issue_id", issue.id());
        data.put("document", DocCommand.json(d));
        emit(data, () -> out().println("Linked " + DocCommand.line(d) + " to issue " + shortId(issue.id())));
    }
}
