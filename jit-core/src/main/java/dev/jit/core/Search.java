package dev.jit.core;

import dev.jit.core.query.GlobPattern;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.jit.core.internal.docs.DocumentPaths;
import dev.jit.core.internal.docs.Git;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.model.DocumentReference;
import dev.jit.core.model.Issue;
import dev.jit.core.internal.store.Store;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Full-text search over issue titles, descriptions, labels and context values, and over the text of the
 * documents issues link to (read from the git work tree that contains the store). Line-oriented like grep:
 * each result is one matching line with its position and optional surrounding lines.
 */
public final class Search {
    /** Documents larger than this are skipped: they are almost never prose worth searching. */
    private static final long MAX_DOCUMENT_BYTES = 4L << 20;

    private final Store store;

    Search(Store store) {
        this.store = store;
    }

    /**
     * @param context lines of context before and after each match (0 for none)
     * @param limit   maximum number of results (0 for no limit)
     * @param glob    if not null, only documents whose repository-relative path matches are searched, and
     *                issue fields are not
     * @param within  if not null, only these issues (full ids) are searched, and only the documents they link,
     *                whose results then name only these issues (a filtered list's search)
     */
    public record Query(String text, boolean regex, boolean caseSensitive, int context, int limit, String glob,
                        Set<String> within) {
        public Query(String text, boolean regex, boolean caseSensitive, int context, int limit, String glob) {
            this(text, regex, caseSensitive, context, limit, glob, null);
        }
    }

    /** A matched span in {@code text}, as character offsets. */
    public record Span(int start, int end) {
    }

    /** A neighbouring line shown for context. */
    public record Line(int number, String text) {
    }

    /**
     * One matching line. {@code field} is {@code title}, {@code description}, {@code label},
     * {@code context.<key>} or {@code document}; {@code path} is set for documents, whose {@code issueIds}
     * lists every issue linking them ({@code issueId} is the first).
     */
    public record Result(String issueId, List<String> issueIds, String title, String field, String path,
                         int lineNumber, String text, List<Span> matches, List<Line> before, List<Line> after) {
    }

    /** The results (at most {@code limit}) and how many matching lines there were in total. */
    public record Results(List<Result> results, int total) {
        public boolean truncated() {
            return results.size() < total;
        }
    }

    public Results search(Query query) {
        if (query.text() == null || query.text().isEmpty()) {
            throw JitException.invalidArgument("Search query must not be empty");
        }
        if (query.context() < 0 || query.limit() < 0) {
            throw JitException.invalidArgument("--context and --limit must not be negative");
        }
        Pattern pattern = compile(query);
        GlobPattern glob = query.glob() == null ? null : GlobPattern.compile(query.glob());
        List<Issue> issues = within(store.read(view -> view.issues()), query.within());
        Collector out = new Collector(query.limit());
        if (glob == null) {
            for (Issue i : issues) {
                out.field(pattern, i, "title", i.title(), 0);
                out.field(pattern, i, "description", i.description(), query.context());
                for (String label : i.labels()) {
                    out.field(pattern, i, "label", label, 0);
                }
                i.context().forEach((k, v) -> out.field(pattern, i, "context." + k, v, query.context()));
            }
        }
        searchDocuments(issues, pattern, glob, query.context(), out);
        return new Results(List.copyOf(out.results), out.total);
    }

    private static List<Issue> within(List<Issue> issues, Set<String> ids) {
        if (ids == null) {
            return issues;
        }
        List<Issue> kept = new ArrayList<>();
        for (Issue i : issues) {
            if (ids.contains(i.id())) {
                kept.add(i);
            }
        }
        return kept;
    }

    private void searchDocuments(List<Issue> issues, Pattern pattern, GlobPattern glob, int context, Collector out) {
        Map<String, List<Issue>> byPath = new LinkedHashMap<>();
        for (Issue i : issues) {
            for (DocumentReference d : i.documents()) {
                List<Issue> owners = byPath.computeIfAbsent(d.path(), k -> new ArrayList<>());
                if (!owners.contains(i)) {
                    owners.add(i);
                }
            }
        }
        if (byPath.isEmpty()) {
            return;
        }
        Path root = Git.find(store.paths().dataDir()).map(Git::root)
                .orElse(store.paths().dataDir().toAbsolutePath().getParent());
        for (Map.Entry<String, List<Issue>> e : byPath.entrySet()) {
            String rel;
            try {
                rel = DocumentPaths.relativize(root, e.getKey());
            } catch (JitException badPath) {
                continue; // validate reports it; search just skips it
            }
            if (glob != null && !glob.matches(rel)) {
                continue;
            }
            String text = readText(root.resolve(rel));
            if (text != null) {
                out.document(pattern, e.getValue(), rel, text, context);
            }
        }
    }

    private static String readText(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_DOCUMENT_BYTES) {
                return null;
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException binary) {
            return null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    /**
     * RE2 syntax (RE2/J), never java.util.regex: a user's pattern runs in time linear in the text, so no
     * pattern can keep a thread busy (backreferences and lookaround, which need backtracking, are refused).
     */
    private static Pattern compile(Query q) {
        int flags = q.caseSensitive() ? 0 : Pattern.CASE_INSENSITIVE;
        try {
            return Pattern.compile(q.regex() ? q.text() : Pattern.quote(q.text()), flags);
        } catch (PatternSyntaxException e) {
            throw new JitException(ErrorCode.INVALID_ARGUMENT, "Invalid regex: " + e.getDescription() + " in '"
                    + q.text() + "' (RE2 syntax: backreferences and lookaround are not supported)",
                    Map.of("pattern", q.text(), "error", e.getDescription()),
                    List.of("Leave out -r/--regex to search for the text literally"));
        }
    }

    /** Accumulates results up to the limit while counting every matching line. */
    private static final class Collector {
        private final int limit;
        private final List<Result> results = new ArrayList<>();
        private int total;

        Collector(int limit) {
            this.limit = limit;
        }

        void field(Pattern pattern, Issue issue, String field, String text, int context) {
            if (text == null || text.isEmpty()) {
                return;
            }
            if (!pattern.matcher(text).find()) {
                return; // fast path: most fields do not match at all
            }
            scan(pattern, List.of(issue), field, null, text, context);
        }

        void document(Pattern pattern, List<Issue> owners, String path, String text, int context) {
            if (pattern.matcher(text).find()) {
                scan(pattern, owners, "document", path, text, context);
            }
        }

        private void scan(Pattern pattern, List<Issue> owners, String field, String path, String text, int context) {
            List<String> lines = text.lines().toList();
            for (int n = 0; n < lines.size(); n++) {
                Matcher m = pattern.matcher(lines.get(n));
                List<Span> spans = new ArrayList<>();
                while (m.find()) {
                    spans.add(new Span(m.start(), m.end()));
                    if (m.end() == m.start() && m.end() >= lines.get(n).length()) {
                        break;
                    }
                }
                if (spans.isEmpty()) {
                    continue;
                }
                total++;
                if (limit > 0 && results.size() >= limit) {
                    continue;
                }
                List<Line> before = new ArrayList<>();
                for (int b = Math.max(0, n - context); b < n; b++) {
                    before.add(new Line(b + 1, lines.get(b)));
                }
                List<Line> after = new ArrayList<>();
                for (int a = n + 1; a <= Math.min(lines.size() - 1, n + context); a++) {
                    after.add(new Line(a + 1, lines.get(a)));
                }
                Issue first = owners.get(0);
                results.add(new Result(first.id(), owners.stream().map(Issue::id).toList(), first.title(), field, path,
                        n + 1, lines.get(n), List.copyOf(spans), before, after));
            }
        }
    }
}
