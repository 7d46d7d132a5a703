package dev.jit.core.query;

import dev.jit.core.error.JitException;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.Locale;

/**
 * A filter over issues, parsed from expressions such as {@code priority:high|critical} or
 * {@code state:ready,label:epic:auth}: terms separated by commas are ANDed, alternatives separated by
 * {@code |} are ORed. Fields: {@code state}, {@code priority}, {@code assignee} ({@code none} matches
 * unassigned), {@code label} ({@code *} wildcards, e.g. {@code epic:*}), {@code blocked} ({@code true|false}).
 */
public final class IssueFilter {
    public static final IssueFilter ALL = new IssueFilter(List.of(), false);
    public static final List<String> FIELDS = List.of("state", "priority", "assignee", "label", "blocked");

    /**
     * One ANDed term: {@code field} matches any of {@code values} (states and priorities already parsed).
     * {@code blocked} terms need the dependency graph, so the caller passes the flag in. A plain class rather
     * than predicates: filters run on the commands agents use most, which link no lambda (Store.openView).
     */
    private record Term(String field, List<?> values) {
        boolean test(Issue issue, boolean blocked) {
            switch (field) {
                case "state":
                    return values.contains(issue.state());
                case "priority":
                    return values.contains(issue.priority());
                case "assignee":
                    for (Object v : values) {
                        String who = (String) v;
                        if (who.equalsIgnoreCase("none") ? issue.assignee() == null : who.equals(issue.assignee())) {
                            return true;
                        }
                    }
                    return false;
                case "label":
                    for (String label : issue.labels()) {
                        for (Object glob : values) {
                            if (globMatches((String) glob, label)) {
                                return true;
                            }
                        }
                    }
                    return false;
                default: // blocked
                    return values.get(0).equals(blocked);
            }
        }
    }

    private final List<Term> terms;
    private final boolean needsBlocked;

    private IssueFilter(List<Term> terms, boolean needsBlocked) {
        this.terms = terms;
        this.needsBlocked = needsBlocked;
    }

    public static IssueFilter parse(String expression) {
        if (expression == null || expression.isBlank()) {
            return ALL;
        }
        List<Term> terms = new ArrayList<>();
        boolean needsBlocked = false;
        for (String raw : expression.split(",")) {
            String term = raw.trim();
            int colon = term.indexOf(':');
            if (colon <= 0 || colon == term.length() - 1) {
                throw bad(expression, "term '" + term + "' is not field:value");
            }
            String field = term.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            List<String> values = List.of(term.substring(colon + 1).split("\\|", -1));
            for (String value : values) {
                if (value.isBlank()) {
                    throw bad(expression, "term '" + term + "' has an empty alternative");
                }
            }
            switch (field) {
                case "state" -> {
                    List<State> states = new ArrayList<>();
                    for (String value : values) {
                        states.add(State.parse(value));
                    }
                    terms.add(new Term(field, states));
                }
                case "priority" -> {
                    List<Priority> priorities = new ArrayList<>();
                    for (String value : values) {
                        priorities.add(Priority.parse(value));
                    }
                    terms.add(new Term(field, priorities));
                }
                case "assignee", "label" -> terms.add(new Term(field, values));
                case "blocked" -> {
                    if (values.size() != 1 || !(values.get(0).equals("true") || values.get(0).equals("false"))) {
                        throw bad(expression, "blocked takes true or false");
                    }
                    needsBlocked = true;
                    terms.add(new Term(field, List.of(Boolean.parseBoolean(values.get(0)))));
                }
                default -> throw bad(expression, "unknown field '" + field + "'");
            }
        }
        return new IssueFilter(List.copyOf(terms), needsBlocked);
    }

    /** AND of this filter and {@code other}. */
    public IssueFilter and(IssueFilter other) {
        List<Term> all = new ArrayList<>(terms);
        all.addAll(other.terms);
        return new IssueFilter(List.copyOf(all), needsBlocked || other.needsBlocked);
    }

    public boolean needsBlocked() {
        return needsBlocked;
    }

    /** This filter as a test of issues known to be unblocked (ready work). A class, not a lambda: CLI start-up. */
    public Predicate<Issue> ofUnblocked() {
        return new OfUnblocked(this);
    }

    private record OfUnblocked(IssueFilter filter) implements Predicate<Issue> {
        @Override
        public boolean test(Issue issue) {
            return filter.test(issue, false);
        }
    }

    /** Tests an issue; {@code blocked} is its derived blocked flag (ignored unless a blocked term exists). */
    public boolean test(Issue issue, boolean blocked) {
        for (Term t : terms) {
            if (!t.test(issue, blocked)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} matches {@code glob}, in which {@code *} stands for any run of characters. */
    static boolean globMatches(String glob, String text) {
        int star = glob.indexOf('*');
        if (star < 0) {
            return glob.equals(text);
        }
        String head = glob.substring(0, star);
        if (!text.startsWith(head)) {
            return false;
        }
        // Each further piece must follow the previous one; the last piece (after the last '*') ends the text.
        int at = head.length();
        int from = star + 1;
        while (true) {
            int next = glob.indexOf('*', from);
            if (next < 0) {
                String tail = glob.substring(from);
                return text.length() - tail.length() >= at && text.endsWith(tail);
            }
            int found = text.indexOf(glob.substring(from, next), at);
            if (found < 0) {
                return false;
            }
            at = found + (next - from);
            from = next + 1;
        }
    }

    private static JitException bad(String expression, String why) {
        return JitException.invalidArgument("Invalid filter '" + expression + "': " + why,
                "Use field:value terms joined by ',' (AND) with alternatives joined by '|' (OR), e.g. "
                        + "'state:ready,priority:high|critical,label:epic:auth'",
                "Fields: " + String.join(", ", FIELDS));
    }
}
