package dev.jit.core.query;

import dev.jit.core.error.JitException;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A filter over issues, parsed from expressions such as {@code priority:high|critical} or
 * {@code state:ready,label:epic:auth}: terms separated by commas are ANDed, alternatives separated by
 * {@code |} are ORed. Fields: {@code state}, {@code priority}, {@code assignee} ({@code none} matches
 * unassigned), {@code label} ({@code *} wildcards, e.g. {@code epic:*}), {@code blocked} ({@code true|false}).
 */
public final class IssueFilter {
    public static final IssueFilter ALL = new IssueFilter(List.of(), false);
    public static final List<String> FIELDS = List.of("state", "priority", "assignee", "label", "blocked");

    /** One ANDed term; {@code blocked} terms need the dependency graph, so they are evaluated separately. */
    private record Term(String field, Predicate<Issue> test, Boolean blocked) {
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
            if (values.stream().anyMatch(String::isBlank)) {
                throw bad(expression, "term '" + term + "' has an empty alternative");
            }
            switch (field) {
                case "state" -> {
                    List<State> states = values.stream().map(State::parse).toList();
                    terms.add(new Term(field, i -> states.contains(i.state()), null));
                }
                case "priority" -> {
                    List<Priority> ps = values.stream().map(Priority::parse).toList();
                    terms.add(new Term(field, i -> ps.contains(i.priority()), null));
                }
                case "assignee" -> terms.add(new Term(field, i -> values.stream().anyMatch(v ->
                        v.equalsIgnoreCase("none") ? i.assignee() == null : v.equals(i.assignee())), null));
                case "label" -> {
                    List<Pattern> patterns = values.stream().map(IssueFilter::glob).toList();
                    terms.add(new Term(field, i -> i.labels().stream()
                            .anyMatch(l -> patterns.stream().anyMatch(p -> p.matcher(l).matches())), null));
                }
                case "blocked" -> {
                    if (values.size() != 1 || !(values.get(0).equals("true") || values.get(0).equals("false"))) {
                        throw bad(expression, "blocked takes true or false");
                    }
                    needsBlocked = true;
                    terms.add(new Term(field, i -> true, Boolean.parseBoolean(values.get(0))));
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

    /** Tests an issue; {@code blocked} is its derived blocked flag (ignored unless a blocked term exists). */
    public boolean test(Issue issue, boolean blocked) {
        for (Term t : terms) {
            if (t.blocked() != null ? t.blocked() != blocked : !t.test().test(issue)) {
                return false;
            }
        }
        return true;
    }

    private static Pattern glob(String value) {
        return Pattern.compile(Arrays.stream(value.split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*")));
    }

    private static JitException bad(String expression, String why) {
        return JitException.invalidArgument("Invalid filter '" + expression + "': " + why,
                "Use field:value terms joined by ',' (AND) with alternatives joined by '|' (OR), e.g. "
                        + "'state:ready,priority:high|critical,label:epic:auth'",
                "Fields: " + String.join(", ", FIELDS));
    }
}
