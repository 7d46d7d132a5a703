package dev.jit.server.cache;

import dev.jit.core.Snapshots;

import dev.jit.core.Presentation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.model.BlockReason;
import dev.jit.core.graph.DependencyGraph;
import dev.jit.core.json.Json;
import dev.jit.core.model.Issue;
import dev.jit.core.Queries;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Everything the read endpoints derive from one consistent read of the store: issues in creation order,
 * blocked flags, block reasons and counts. Immutable once built; issue JSON is rendered lazily and reused.
 */
public final class Snapshot {
    private final Snapshots.Snapshot store;
    private final long generation;
    private final List<Issue> issues;
    private final Map<String, Integer> position;
    private final DependencyGraph graph;
    private final boolean[] blocked;
    // Derived on first use: a refresh after a write then costs only what the next request needs.
    private final Lazy<Map<String, List<BlockReason>>> reasons;
    private final Lazy<List<Queries.Blocked>> blockedIssues;
    private final Lazy<Map<String, Integer>> status;
    private final Lazy<DependencyGraph> dependents;
    private final List<String> skipped;
    private final Map<String, ObjectNode> rendered = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<byte[]> compact;

    Snapshot(Snapshots.Snapshot store, long generation) {
        this.store = store;
        this.generation = generation;
        this.issues = store.issues();
        this.position = new HashMap<>(issues.size() * 2);
        for (Issue i : this.issues) {
            position.put(i.id(), position.size());
        }
        this.skipped = store.skipped();
        this.graph = new DependencyGraph(this.issues);
        this.blocked = new boolean[this.issues.size()];
        for (int k = 0; k < blocked.length; k++) {
            blocked[k] = graph.isBlocked(this.issues.get(k));
        }
        this.blockedIssues = new Lazy<>(() -> Queries.blockedOf(this.issues));
        this.reasons = new Lazy<>(() -> {
            Map<String, List<BlockReason>> byIssue = new HashMap<>();
            blockedIssues.get().forEach(b -> byIssue.put(b.issue().id(), b.reasons()));
            return byIssue;
        });
        this.status = new Lazy<>(() -> Queries.statusOf(this.issues));
        // The graph builds its dependents index lazily and unsynchronised: build it once, under the memo's lock.
        this.dependents = new Lazy<>(() -> {
            graph.dependentsOf("");
            return graph;
        });
        this.compact = new AtomicReferenceArray<>(this.issues.size());
    }

    /** A value computed once, on first use, by whichever thread asks first. */
    private static final class Lazy<T> {
        private final Supplier<T> supplier;
        private volatile T value;

        Lazy(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = supplier.get();
                        value = v;
                    }
                }
            }
            return v;
        }
    }

    /** The store's consistent read this snapshot derives from. */
    Snapshots.Snapshot store() {
        return store;
    }

    long generation() {
        return generation;
    }

    public List<Issue> issues() {
        return issues;
    }

    /** Resolves a full id or unique 4+ character prefix exactly as the CLI does (404 / 400 otherwise). */
    public Issue resolve(String idOrPrefix) {
        return store.resolve(idOrPrefix);
    }

    public Issue find(String id) {
        return store.find(id);
    }

    /** Whether {@code idOrPrefix} names an issue the index lists but whose file could not be read. */
    public boolean skipped(String idOrPrefix) {
        return skipped.stream().anyMatch(id -> id.startsWith(idOrPrefix));
    }

    public int position(Issue issue) {
        return position.getOrDefault(issue.id(), Integer.MAX_VALUE);
    }

    public boolean isBlocked(Issue issue) {
        Integer k = position.get(issue.id());
        return k != null && blocked[k];
    }

    /** Blocked flag of the issue at {@code index} in creation order (no lookup, for scans). */
    public boolean isBlockedAt(int index) {
        return blocked[index];
    }

    public List<String> dependentsOf(String id) {
        return dependents.get().dependentsOf(id);
    }

    public List<BlockReason> reasons(String id) {
        return reasons.get().getOrDefault(id, List.of());
    }

    public List<Queries.Blocked> blockedIssues() {
        return blockedIssues.get();
    }

    public Map<String, Integer> status() {
        return status.get();
    }

    /** {@link #json} as compact UTF-8 bytes, rendered once per snapshot: list pages are mostly these. */
    public byte[] jsonBytes(Issue issue) {
        Integer k = position.get(issue.id());
        byte[] bytes = k == null ? null : compact.get(k);
        if (bytes == null) {
            bytes = Json.compact(json(issue)).getBytes(StandardCharsets.UTF_8);
            if (k != null) {
                compact.set(k, bytes);
            }
        }
        return bytes;
    }

    /** The issue's API form (on-disk JSON plus {@code blocked}); shared, so callers must copy before changing it. */
    public ObjectNode json(Issue issue) {
        return rendered.computeIfAbsent(issue.id(), id -> {
            ObjectNode n = Presentation.issue(issue);
            n.put("blocked", isBlocked(issue));
            return n;
        });
    }
}
