package dev.jit.core.internal.codec;

import dev.jit.core.json.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.model.DocumentReference;
import dev.jit.core.model.GateState;
import dev.jit.core.model.GateStatus;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Lease;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Converts issues to and from JSON. Reading is tolerant (missing optional fields get defaults, the
 * legacy state {@code open} reads as backlog); writing is lossless (unknown fields are written back
 * after the known ones, in their original order).
 */
public final class IssueCodec {
    private static final Set<String> GATE_STATE_FIELDS = Set.of("status", "updated_by", "updated_at");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("path", "commit", "label", "doc_type");
    private static final Set<String> KNOWN = Set.of("id", "title", "description", "state", "priority", "assignee",
            "dependencies", "gates_required", "gates_status", "context", "documents", "labels", "created_at",
            "updated_at", "lease");

    private IssueCodec() {
    }

    /** Reads one issue; throws {@link IllegalArgumentException} naming the first field that cannot be read. */
    public static Issue fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("an issue must be a JSON object");
        }
        String id = requiredText(node, "id");
        String title = text(node, "title", "");
        State state;
        Priority priority;
        String field = "state";
        try {
            state = node.hasNonNull("state") ? State.parse(node.get("state").asText()) : State.BACKLOG;
            field = "priority";
            priority = node.hasNonNull("priority") ? Priority.parse(node.get("priority").asText()) : Priority.NORMAL;
        } catch (RuntimeException e) {
            throw badField(field, e);
        }
        Map<String, GateState> gates = new TreeMap<>();
        JsonNode gs = node.get("gates_status");
        if (gs != null && gs.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = gs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                gates.put(e.getKey(), gateState(e.getValue()));
            }
        }
        Map<String, String> context = new TreeMap<>();
        JsonNode ctx = node.get("context");
        if (ctx != null && ctx.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = ctx.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                context.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
            }
        }
        List<DocumentReference> docs = new ArrayList<>();
        JsonNode dn = node.get("documents");
        if (dn != null && dn.isArray()) {
            for (JsonNode d : dn) {
                docs.add(new DocumentReference(requiredText(d, "path"), text(d, "commit", null),
                        text(d, "label", null), text(d, "doc_type", null), extras(d, DOCUMENT_FIELDS)));
            }
        }
        Map<String, JsonNode> extra = extras(node, KNOWN);
        Lease lease;
        try {
            lease = lease(node.get("lease"));
        } catch (RuntimeException e) {
            throw badField("lease", e);
        }
        return new Issue(id, title, text(node, "description", ""), state, priority, text(node, "assignee", null),
                strings(node, "dependencies"), strings(node, "gates_required"),
                new TreeMap<>(gates), new TreeMap<>(context), docs, strings(node, "labels"),
                text(node, "created_at", null), text(node, "updated_at", null), lease, extra);
    }

    private static Lease lease(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject() || !node.path("ttl_secs").canConvertToLong()) {
            throw new IllegalArgumentException("a lease is an object with holder, ttl_secs, acquired_at, expires_at"
                    + " and last_beat");
        }
        return new Lease(requiredText(node, "holder"), node.get("ttl_secs").asLong(), requiredText(node, "acquired_at"),
                requiredText(node, "expires_at"), requiredText(node, "last_beat"));
    }

    public static ObjectNode toJson(Issue issue) {
        ObjectNode n = Json.object();
        n.put("id", issue.id());
        n.put("title", issue.title());
        n.put("description", issue.description());
        n.put("state", issue.state().wire());
        n.put("priority", issue.priority().wire());
        n.put("assignee", issue.assignee());
        if (issue.lease() != null) {
            Lease l = issue.lease();
            ObjectNode lease = n.putObject("lease");
            lease.put("holder", l.holder());
            lease.put("ttl_secs", l.ttlSeconds());
            lease.put("acquired_at", l.acquiredAt());
            lease.put("expires_at", l.expiresAt());
            lease.put("last_beat", l.lastBeat());
        }
        stringArray(n.putArray("dependencies"), issue.dependencies());
        stringArray(n.putArray("gates_required"), issue.gatesRequired());
        ObjectNode gates = n.putObject("gates_status");
        for (Map.Entry<String, GateState> e : issue.gatesStatus().entrySet()) {
            ObjectNode g = gates.putObject(e.getKey());
            g.put("status", e.getValue().status().wire());
            g.put("updated_by", e.getValue().updatedBy());
            g.put("updated_at", e.getValue().updatedAt());
            setAll(g, e.getValue().extra());
        }
        ObjectNode ctx = n.putObject("context");
        for (Map.Entry<String, String> e : issue.context().entrySet()) {
            ctx.put(e.getKey(), e.getValue());
        }
        ArrayNode docs = n.putArray("documents");
        for (DocumentReference d : issue.documents()) {
            ObjectNode o = docs.addObject();
            o.put("path", d.path());
            o.put("commit", d.commit());
            o.put("label", d.label());
            o.put("doc_type", d.docType());
            setAll(o, d.extra());
        }
        stringArray(n.putArray("labels"), issue.labels());
        if (issue.createdAt() != null) {
            n.put("created_at", issue.createdAt());
        }
        if (issue.updatedAt() != null) {
            n.put("updated_at", issue.updatedAt());
        }
        setAll(n, issue.extra());
        return n;
    }

    /** Copies {@code fields} into {@code node}, in their order. */
    public static void setAll(ObjectNode node, Map<String, JsonNode> fields) {
        for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
            node.set(e.getKey(), e.getValue());
        }
    }

    private static GateState gateState(JsonNode node) {
        GateStatus status;
        try {
            status = node.hasNonNull("status") ? GateStatus.parse(node.get("status").asText()) : GateStatus.PENDING;
        } catch (RuntimeException e) {
            throw badField("gates_status", e);
        }
        return new GateState(status, text(node, "updated_by", null), text(node, "updated_at", null),
                extras(node, GATE_STATE_FIELDS));
    }

    private static IllegalArgumentException badField(String field, RuntimeException e) {
        return new IllegalArgumentException("field '" + field + "': " + e.getMessage(), e);
    }

    /** Why issues are blocked, as CLI and API print it: {@code [{"type","target","status","detail"}…]}. */
    public static ArrayNode blockReasons(List<dev.jit.core.model.BlockReason> reasons) {
        ArrayNode out = Json.array();
        for (dev.jit.core.model.BlockReason r : reasons) {
            out.addObject().put("type", r.type()).put("target", r.target()).put("status", r.status())
                    .put("detail", r.detail());
        }
        return out;
    }

    /** The fields of {@code node} not in {@code known}, in their original order. */
    static Map<String, JsonNode> extras(JsonNode node, Set<String> known) {
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!known.contains(e.getKey())) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        return extra;
    }

    static String requiredText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("missing or non-text field '" + field + "'");
        }
        return v.asText();
    }

    static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    static List<String> strings(JsonNode node, String field) {
        JsonNode v = node.get(field);
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            for (JsonNode e : v) {
                out.add(e.asText());
            }
        }
        return out;
    }

    static void stringArray(ArrayNode array, List<String> values) {
        for (String value : values) {
            array.add(value);
        }
    }
}
