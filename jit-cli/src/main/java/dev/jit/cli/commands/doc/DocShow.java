package dev.jit.cli.commands.doc;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.Documents;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit doc show}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "show", description = {"Print a linked document: the committed version at --at, else at its pinned "
        + "commit, else at HEAD; or, with --worktree, the file as it is on disk.",
        "On a terminal a header (path, label, revision) comes first; in a pipe only the content is printed."},
        mixinStandardHelpOptions = true)
public final class DocShow extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix (4+ characters)")
    String id;

    @Parameters(index = "1", paramLabel = "PATH", description = "The linked path, as 'doc list' shows it")
    String path;

    @Option(names = "--at", paramLabel = "REV", description = "Revision to read (hash, branch, tag, HEAD~1…)")
    String at;

    @Option(names = "--worktree", description = "Read the file on disk instead of a commit")
    boolean worktree;

    @Override
    protected void run() {
        if (worktree && at != null) {
            throw dev.jit.core.error.JitException.invalidArgument("--at and --worktree cannot be combined");
        }
        Documents.Content c = jit().documents().show(id, path, at, worktree);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("document", DocCommand.json(c.reference()));
        data.put("revision", c.revision());
        data.put("commit", c.commit());
        data.put("content", c.text());
        emit(data, () -> {
            if (terminal()) {
                out().println("Document: " + c.reference().path());
                if (c.reference().label() != null) {
                    out().println("Label:    " + c.reference().label());
                }
                out().println("Revision: " + c.revision() + (c.commit() == null ? "" : " (" + c.commit().substring(0, 12) + ")"));
                if (c.reference().docType() != null) {
                    out().println("Type:     " + c.reference().docType());
                }
                out().println("---");
            }
            out().print(c.text());
            out().flush();
        });
    }
}
