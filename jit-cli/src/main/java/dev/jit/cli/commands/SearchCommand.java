package dev.jit.cli.commands;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.Search;
import dev.jit.core.Search.Line;
import dev.jit.core.Search.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit search}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "search", description = {"Full-text search over issue titles, descriptions, labels, context values "
        + "and the text of documents linked from issues (read from the git work tree).",
        "Case-insensitive literal text by default. On a terminal results are grouped by issue or document; in a "
                + "pipe each line is ID:FIELD:LINE:TEXT (context lines use '-' instead of ':'), like grep."},
        mixinStandardHelpOptions = true)
public final class SearchCommand extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "QUERY", description = "Text (or, with --regex, a Java regular expression)")
    String query;

    @Option(names = {"-r", "--regex"}, description = "Treat QUERY as a regular expression")
    boolean regex;

    @Option(names = {"-C", "--case-sensitive"}, description = "Match case exactly")
    boolean caseSensitive;

    @Option(names = {"-c", "--context"}, paramLabel = "N", defaultValue = "0",
            description = "Show N lines before and after each match (default: ${DEFAULT-VALUE})")
    int context;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "0",
            description = "Show at most N matching lines (0: all; the total is still counted)")
    int limit;

    @Option(names = {"-g", "--glob"}, paramLabel = "PATTERN",
            description = "Search only linked documents whose repository-relative path matches PATTERN "
                    + "(e.g. 'docs/**.md'); issue fields are then skipped")
    String glob;

    @Override
    protected void run() {
        Search.Results found = jit().search()
                .search(new Search.Query(query, regex, caseSensitive, context, limit, glob));
        emit(() -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("query", query);
            data.put("total", found.total());
            data.put("truncated", found.truncated());
            data.put("results", found.results().stream().map(SearchCommand::json).toList());
            return data;
        }, () -> {
            if (terminal()) {
                printGrouped(found);
            } else {
                printGrepStyle(found.results());
            }
        });
    }

    private void printGrouped(Search.Results found) {
        if (found.total() == 0) {
            out().println("No matches found for \"" + query + "\"");
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Search results for \"").append(query).append("\" (").append(found.total()).append(" match")
                .append(found.total() == 1 ? "" : "es").append(found.truncated() ? ", showing "
                        + found.results().size() : "").append("):\n");
        String group = null;
        for (Result r : found.results()) {
            String header = r.path() != null
                    ? "Document " + r.path() + " (" + String.join(", ", r.issueIds().stream().map(JitSubcommand::shortId).toList()) + ")"
                    : "Issue " + shortId(r.issueId()) + " | " + r.title();
            if (!Objects.equals(header, group)) {
                sb.append('\n').append(header).append('\n');
                group = header;
            } else if (context > 0) {
                sb.append("  --\n");
            }
            String field = r.path() != null ? "" : r.field() + ":";
            r.before().forEach(l -> sb.append("  ").append(field).append(l.number()).append("- ").append(l.text()).append('\n'));
            sb.append("  ").append(field).append(r.lineNumber()).append(": ").append(r.text()).append('\n');
            r.after().forEach(l -> sb.append("  ").append(field).append(l.number()).append("- ").append(l.text()).append('\n'));
        }
        out().print(sb);
    }

    private void printGrepStyle(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        for (Result r : results) {
            String where = r.issueId() + ":" + (r.path() != null ? r.path() : r.field()) + ":";
            if (context > 0 && !sb.isEmpty()) {
                sb.append("--\n");
            }
            for (Line l : r.before()) {
                sb.append(where.substring(0, where.length() - 1)).append('-').append(l.number()).append('-').append(l.text()).append('\n');
            }
            sb.append(where).append(r.lineNumber()).append(':').append(r.text()).append('\n');
            for (Line l : r.after()) {
                sb.append(where.substring(0, where.length() - 1)).append('-').append(l.number()).append('-').append(l.text()).append('\n');
            }
        }
        out().print(sb);
    }

    private static Map<String, Object> json(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issue_id", r.issueId());
        m.put("issue_ids", r.issueIds());
        m.put("title", r.title());
        m.put("field", r.field());
        m.put("path", r.path());
        m.put("line_number", r.lineNumber());
        m.put("line_text", r.text());
        m.put("matches", r.matches().stream().map(s -> Map.of("start", s.start(), "end", s.end(),
                "text", r.text().substring(s.start(), s.end()))).toList());
        m.put("context_before", r.before().stream().map(SearchCommand::lineJson).toList());
        m.put("context_after", r.after().stream().map(SearchCommand::lineJson).toList());
        return m;
    }

    private static Map<String, Object> lineJson(Line l) {
        return Map.of("line_number", l.number(), "text", l.text());
    }
}
