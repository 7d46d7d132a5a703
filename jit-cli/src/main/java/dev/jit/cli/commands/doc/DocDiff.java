package dev.jit.cli.commands.doc;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.Documents;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit doc diff}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "diff", description = {"Unified diff (git diff) of a linked document between two revisions.",
        "--from defaults to the link's pinned commit; --to defaults to HEAD; --worktree compares with the file "
                + "on disk. Prints nothing when the document did not change."}, mixinStandardHelpOptions = true)
public final class DocDiff extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix (4+ characters)")
    String id;

    @Parameters(index = "1", paramLabel = "PATH", description = "The linked path, as 'doc list' shows it")
    String path;

    @Option(names = "--from", paramLabel = "REV", description = "Old revision (default: the pinned commit)")
    String from;

    @Option(names = "--to", paramLabel = "REV", description = "New revision (default: HEAD)")
    String to;

    @Option(names = "--worktree", description = "Compare with the file on disk instead of a commit")
    boolean worktree;

    @Override
    protected void run() {
        Documents.Diff diff = jit().documents().diff(id, path, from, to, worktree);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", diff.path());
        data.put("from", diff.from());
        data.put("to", diff.to() == null ? "worktree" : diff.to());
        data.put("changed", !diff.text().isEmpty());
        data.put("diff", diff.text());
        emit(data, () -> {
            out().print(diff.text());
            out().flush();
        });
    }
}
