package dev.jit.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One issue, as stored in {@code issues/<id>.json}. Immutable; change it with the {@code with…} methods.
 *
 * <p>{@code extra} holds fields this version does not know, so a read-modify-write never drops what a
 * newer version wrote. Dependencies are kept sorted so files diff cleanly in git.
 */
public record Issue(
        String id,
        String title,
        String description,
        State state,
        Priority priority,
        String assignee,
        List<String> dependencies,
        List<String> gatesRequired,
        SortedMap<String, GateState> gatesStatus,
        SortedMap<String, String> context,
        List<DocumentReference> documents,
        List<String> labels,
        String createdAt,
        String updatedAt,
        Lease lease,
        Map<String, JsonNode> extra) {
    /** The shortest id prefix that names an issue (ids are UUIDs; any unique prefix this long or longer works). */
    public static final int MIN_ID_PREFIX = 4;


    public Issue {
        description = description == null ? "" : description;
        dependencies = Collections2.sortedDistinct(dependencies);
        gatesRequired = Collections2.distinctCopy(gatesRequired);
        gatesStatus = Collections2.sortedCopy(gatesStatus);
        context = Collections2.sortedCopy(context);
        documents = Collections2.copy(documents);
        labels = Collections2.distinctCopy(labels);
        extra = Collections2.orderedCopy(extra);
        if (lease != null && !lease.holder().equals(assignee)) {
            lease = null; // a lease is the assignee's; one naming anybody else means nothing
        }
    }

    /** A new issue as {@code issue create} makes it. */
    public static Issue create(String id, String title, String description, Priority priority,
                               List<String> gates, List<String> labels, String now) {
        return new Issue(id, title, description, State.READY, priority, null, List.of(), gates,
                new TreeMap<>(), new TreeMap<>(), List.of(), labels, now, now, null, Map.of());
    }

    /** Gates required by this issue that have not passed. */
    public List<String> unpassedGates() {
        List<String> out = new ArrayList<>();
        for (String key : gatesRequired) {
            GateState gs = gatesStatus.get(key);
            if (gs == null || gs.status() != GateStatus.PASSED) {
                out.add(key);
            }
        }
        return out;
    }

    public boolean hasUnpassedGates() {
        return !unpassedGates().isEmpty();
    }

    /** Whether the issue is in progress under a lease that has run out at {@code now}. */
    public boolean leaseExpiredAt(java.time.Instant now) {
        return lease != null && state == State.IN_PROGRESS && lease.isExpiredAt(now);
    }

    public boolean isAssigned() {
        return assignee != null;
    }

    public Issue withTitle(String value) {
        return new Issue(id, value, description, state, priority, assignee, dependencies, gatesRequired,
                gatesStatus, context, documents, labels, createdAt, updatedAt, lease, extra);
    }

    public Issue withDescription(String value) {
        return new Issue(id, title, value, state, priority, assignee, dependencies, gatesRequired,
                gatesStatus, context, documents, labels, createdAt, updatedAt, lease, extra);
    }

    public Issue withState(State value) {
        return new Issue(id, title, description, value, priority, assignee, dependencies, gatesRequired,
                gatesStatus, context, documents, labels, createdAt, updatedAt, lease, extra);
    }

    public Issue withPriority(Priority value) {
        return new Issue(id, title, description, state, value, assignee, dependencies, gatesRequired,
                gatesStatus, context, documents, labels, createdAt, updatedAt, lease, extra);
    }

    /** This issue assigned to {@code value}; the lease goes unless it is {@code value}'s. */
    public Issue withAssignee(String value) {
        return new Issue(id, title, description, state, priority, value, dependencies, gatesRequired,
                gatesStatus, context, documents, labels, createdAt, updatedAt, lease, extra);
    }

    public Issue withDependencies(List<String> value) {
        return new Issue(id, title, description, state, priority, assignee, value, gatesRequired,
                gatesStatus, context, documents, labels, createdAt, updatedAt, lease, extra);
    }

    public Issue withGatesRequired(List<String> value) {
        return new Issue(id, title, description, state, priority, assignee, dependencies, value,
                gatesStatus, context, documents, labels, createdAt, updatedAt, lease, extra);
    }

    public Issue withGateState(String key, GateState value) {
        SortedMap<String, GateState> copy = new TreeMap<>(gatesStatus);
        copy.put(key, value);
        return new Issue(id, title, description, state, priority, assignee, dependencies, gatesRequired,
                copy, context, documents, labels, createdAt, updatedAt, lease, extra);
    }

    public Issue withContext(Map<String, String> value) {
        return new Issue(id, title, description, state, priority, assignee, dependencies, gatesRequired,
                gatesStatus, new TreeMap<>(value), documents, labels, createdAt, updatedAt, lease, extra);
    }

    public Issue withDocuments(List<DocumentReference> value) {
        return new Issue(id, title, description, state, priority, assignee, dependencies, gatesRequired,
                gatesStatus, context, value, labels, createdAt, updatedAt, lease, extra);
    }

    public Issue withLabels(List<String> value) {
        return new Issue(id, title, description, state, priority, assignee, dependencies, gatesRequired,
                gatesStatus, context, documents, value, createdAt, updatedAt, lease, extra);
    }

    /** This issue with {@code value} as its lease (null: a claim that never lapses, or no claim). */
    public Issue withLease(Lease value) {
        return new Issue(id, title, description, state, priority, assignee, dependencies, gatesRequired,
                gatesStatus, context, documents, labels, createdAt, updatedAt, value, extra);
    }

    public Issue withUpdatedAt(String value) {
        return new Issue(id, title, description, state, priority, assignee, dependencies, gatesRequired,
                gatesStatus, context, documents, labels, createdAt, value, lease, extra);
    }
}
