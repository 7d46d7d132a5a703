package dev.jit.server.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.graph.BlockReason;
import dev.jit.core.graph.DependencyGraph;
import dev.jit.core.json.IssueCodec;
import dev.jit.core.json.Json;
import dev.jit.core.model.Issue;
import dev.jit.core.service.QueryService;
import dev.jit.core.store.IssueIds;
import dev.jit.core.store.StoreStamp;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Everything the read endpoints derive from one consistent read of the store: issues in creation order,
 * blocked flags, block reasons and counts. Immutable once built; issue JSON is rendered lazily and reused.
 */
public final class Snapshot {
    private final StoreStamp stamp;
    private final long generation;
    private final List<Issue> issues;
    private final Set<String> ids;
    private final Map<String, Issue> byId;
    private final Map<String, Integer> position;
    private final DependencyGraph graph;
    private final boolean[] blocked;
    private final List<QueryService.Blocked> blockedIssues;
    private final Map<String, List<BlockReason>> reasons;
    private final Map<String, Integer> status;
    private final Map<String, ObjectNode> rendered = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<byte[]> compact;

    Snapshot(StoreStamp stamp, long generation, List<Issue> issues) {
        this.stamp = stamp;
        this.generation = generation;
        this.issues = List.copyOf(issues);
        this.ids = new LinkedHashSet<>();
        this.byId = new HashMap<>(issues.size() * 2);
        this.position = new HashMap<>(issues.size() * 2);
        for (Issue i : this.issues) {
            position.put(i.id(), ids.size());
            ids.add(i.id());
            byId.put(i.id(), i);
        }
        this.graph = new DependencyGraph(this.issues);
        // Builds the graph's lazy dependents index now, before the snapshot is shared between threads.
        graph.dependentsOf("");
        this.blocked = new boolean[this.issues.size()];
        for (int k = 0; k < blocked.length; k++) {
            blocked[k] = graph.isBlocked(this.issues.get(k));
        }
        this.blockedIssues = QueryService.blockedOf(this.issues);
        this.reasons = new HashMap<>();
        blockedIssues.forEach(b -> reasons.put(b.issue().id(), b.reasons()));
        this.status = QueryService.statusOf(this.issues);
        this.compact = new AtomicReferenceArray<>(this.issues.size());
    }

    StoreStamp stamp() {
        return stamp;
    }

    long generation() {
        return generation;
    }

    public List<Issue> issues() {
        return issues;
    }

    /** Resolves a full id or unique 4+ character prefix exactly as the CLI does (404 / 400 otherwise). */
    public Issue resolve(String idOrPrefix) {
        return byId.get(IssueIds.resolve(idOrPrefix, ids, ids.contains(idOrPrefix)));
    }

    public Issue find(String id) {
        return byId.get(id);
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
        return graph.dependentsOf(id);
    }

    public List<BlockReason> reasons(String id) {
        return reasons.getOrDefault(id, List.of());
    }

    public List<QueryService.Blocked> blockedIssues() {
        return blockedIssues;
    }

    public Map<String, Integer> status() {
        return status;
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
            ObjectNode n = IssueCodec.toJson(issue);
            n.put("blocked", isBlocked(issue));
            return n;
        });
    }
}
