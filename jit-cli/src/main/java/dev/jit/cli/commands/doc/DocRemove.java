package dev.jit.cli.commands.doc;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.Documents;
import dev.jit.core.model.Issue;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit doc remove}. */
@StoreEffect(StoreEffect.Kind.DELETES)
@Command(name = "remove", description = "Unlink a document from an issue (the file itself is untouched).",
        mixinStandardHelpOptions = true)
public final class DocRemove extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix (4+ characters)")
    String id;

    @Parameters(index = "1", paramLabel = "PATH", description = "The linked path, as 'doc list' shows it")
    String path;

    @Override
    protected void run() {
        Documents docs = jit().documents();
        String rel = docs.normalize(path);
        Issue issue = docs.remove(id, path);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issue_id", issue.id());
        data.put("removed_path", rel);
        emit(data, () -> out().println("Unlinked " + rel + " from issue " + shortId(issue.id())));
    }
}
