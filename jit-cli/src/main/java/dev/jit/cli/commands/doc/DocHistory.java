package dev.jit.cli.commands.doc;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.Documents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jit doc history}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "history", description = {"Commits reachable from HEAD that changed a linked document, newest "
        + "first (renames followed).", "In a pipe: one full commit hash per line."}, mixinStandardHelpOptions = true)
public final class DocHistory extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Issue id or unique prefix (4+ characters)")
    String id;

    @Parameters(index = "1", paramLabel = "PATH", description = "The linked path, as 'doc list' shows it")
    String path;

    @Override
    protected void run() {
        List<Documents.Commit> commits = jit().documents().history(id, path);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", jit().documents().normalize(path));
        data.put("commits", commits.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sha", c.sha());
            m.put("short_sha", c.shortSha());
            m.put("author", c.author());
            m.put("email", c.email());
            m.put("date", c.date());
            m.put("message", c.message());
            return m;
        }).toList());
        data.put("count", commits.size());
        emit(data, () -> {
            StringBuilder sb = new StringBuilder();
            for (Documents.Commit c : commits) {
                if (!terminal()) {
                    sb.append(c.sha()).append('\n');
                    continue;
                }
                sb.append("commit ").append(c.sha()).append('\n').append("Author: ").append(c.author()).append(" <")
                        .append(c.email()).append(">\n").append("Date:   ").append(c.date()).append("\n\n");
                c.message().lines().forEach(l -> sb.append("    ").append(l).append('\n'));
                sb.append('\n');
            }
            out().print(sb);
        });
    }
}
