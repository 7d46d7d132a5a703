package dev.jit.core.internal.rules;

import dev.jit.core.graph.DependencyGraph;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * What "ready work" means, and its order, for {@code jit query ready}, {@code claim-next}, the API and the
 * dispatcher: ready, unassigned and unblocked; most urgent first, then oldest (creation order).
 */
public final class Readiness {
    /** The product's priority order: critical first. */
    public static final ToIntFunction<Priority> DEFAULT_RANK = new ByOrdinal();

    private Readiness() {
    }

    /** Whether {@code issue} can be claimed as ready work. */
    public static boolean isReady(Issue issue, DependencyGraph graph) {
        return issue.state() == State.READY && issue.assignee() == null && !graph.isBlocked(issue);
    }

    /** The ready issues of {@code all} that {@code accept} takes, most urgent first ({@code order}: creation order). */
    public static List<Issue> ready(List<Issue> all, List<String> order, Predicate<Issue> accept,
                                    ToIntFunction<Priority> rank) {
        DependencyGraph graph = new DependencyGraph(all);
        List<Issue> ready = new ArrayList<>();
        for (Issue i : all) {
            if (isReady(i, graph) && accept.test(i)) {
                ready.add(i);
            }
        }
        ready.sort(urgency(order, rank));
        return ready;
    }

    /**
     * The most urgent ready issue that {@code accept} takes, or null: {@link #ready}'s first, found in one pass
     * ({@code all} in creation order, so the first of the best rank is the oldest).
     */
    public static Issue next(List<Issue> all, Predicate<Issue> accept) {
        DependencyGraph graph = new DependencyGraph(all);
        Issue best = null;
        for (Issue i : all) {
            if (isReady(i, graph) && accept.test(i)
                    && (best == null || DEFAULT_RANK.applyAsInt(i.priority()) < DEFAULT_RANK.applyAsInt(best.priority()))) {
                best = i;
            }
        }
        return best;
    }

    /** Most urgent first by {@code rank}, then by creation order (position in {@code order}). */
    public static Comparator<Issue> urgency(List<String> order, ToIntFunction<Priority> rank) {
        Map<String, Integer> position = new HashMap<>();
        for (int k = 0; k < order.size(); k++) {
            position.put(order.get(k), k);
        }
        return new Urgency(position, rank);
    }

    // Classes, not lambdas: this runs in the CLI's short-lived processes, where each lambda's first use costs
    // class generation at run time.
    private static final class ByOrdinal implements ToIntFunction<Priority> {
        @Override
        public int applyAsInt(Priority p) {
            return p.ordinal();
        }
    }

    private static final class Urgency implements Comparator<Issue> {
        private final Map<String, Integer> position;
        private final ToIntFunction<Priority> rank;

        Urgency(Map<String, Integer> position, ToIntFunction<Priority> rank) {
            this.position = position;
            this.rank = rank;
        }

        @Override
        public int compare(Issue a, Issue b) {
            int byRank = Integer.compare(rank.applyAsInt(a.priority()), rank.applyAsInt(b.priority()));
            return byRank != 0 ? byRank : Integer.compare(position.getOrDefault(a.id(), Integer.MAX_VALUE),
                    position.getOrDefault(b.id(), Integer.MAX_VALUE));
        }
    }
}
