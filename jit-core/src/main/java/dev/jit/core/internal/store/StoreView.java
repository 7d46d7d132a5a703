package dev.jit.core.internal.store;

import dev.jit.core.model.GateRegistry;
import dev.jit.core.model.Issue;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A consistent, read-only view of the store, valid while the lock that produced it is held. */
public interface StoreView {
    StorePaths paths();

    /** All issue ids in creation order (the index). */
    List<String> ids();

    /** Resolves a full id or a unique prefix of 4+ characters; throws ISSUE_NOT_FOUND or AMBIGUOUS_ID. */
    String resolveId(String idOrPrefix);

    /** The issue for a full id or unique prefix; throws ISSUE_NOT_FOUND (or CORRUPT_DATA for a damaged file). */
    Issue issue(String idOrPrefix);

    /** The issue with exactly this id, if it exists and is readable. */
    Optional<Issue> find(String id);

    /** {@link #find} as a function (the issue, or null), for {@code DependencyGraph}'s lookups. */
    default Function<String, Issue> lookup() {
        return new Lookup(this);
    }

    /** A class rather than {@code id -> find(id).orElse(null)}: writes link no lambda (Store.openView). */
    final class Lookup implements Function<String, Issue> {
        private final StoreView view;

        private Lookup(StoreView view) {
            this.view = view;
        }

        @Override
        public Issue apply(String id) {
            return view.find(id).orElse(null);
        }
    }

    /** Every readable issue in creation order; damaged files are skipped with a warning. */
    List<Issue> issues();

    GateRegistry registry();

    /** The dispatchers' per-issue state ({@code dispatch.json}); CORRUPT_DATA naming the file when damaged. */
    DispatchState dispatchState();

    /**
     * What is really in {@code issues/}: readable issues by id, parse errors by id, stray files, and entries
     * of the wrong kind (links, directories, FIFOs) by their path relative to the store.
     */
    record FileScan(java.util.Map<String, Issue> readable, java.util.Map<String, String> unreadable,
                    List<String> strayFiles, java.util.Map<String, StoreLayout.Damage> wrongKind) {
    }

    /** Reads every file under {@code issues/} (never the cache), for validation. */
    FileScan scanFiles();
}
