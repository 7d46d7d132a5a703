package dev.jit.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.json.Json;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one mapping between a line of {@code events.jsonl} and a {@link JitEvent}. A line is {@code type},
 * {@code id}, {@code issue_id} (absent when the event names no issue), {@code timestamp}, the type's own fields
 * in a fixed order, fields this version does not know, then {@code actor} (absent when not recorded).
 * <p>
 * Decoding reads the fields in exactly that order: a line of a known type whose fields are missing, of another
 * kind or in another order becomes an {@link UnknownEvent}, so encoding what was decoded always gives the line
 * back. Encoding is written out per type (no reflection: every CLI write goes through it).
 */
public final class EventCodec {
    private EventCodec() {
    }

    /** The event on a log line (a JSON object). */
    public static JitEvent decode(ObjectNode json) {
        JsonNode type = json.get("type");
        if (type == null || !type.isTextual()) {
            return new UnknownEvent(json);
        }
        try {
            JitEvent typed = decodeKnown(type.textValue(), new Fields(json));
            return typed == null ? new UnknownEvent(json) : typed;
        } catch (NotAsWritten e) {
            return new UnknownEvent(json);
        }
    }

    /** The line for {@code event}, compact, without its newline. */
    public static String encode(JitEvent event) {
        return Json.compact(toJson(event, null));
    }

    /**
     * The event as the JSON object that is its line; {@code defaultActor} is recorded when the event names no
     * actor (null: none).
     */
    public static ObjectNode toJson(JitEvent event, String defaultActor) {
        if (event instanceof UnknownEvent unknown) {
            return unknown.json();
        }
        EventHeader h = event.header();
        ObjectNode n = Json.object();
        n.put("type", event.type());
        n.put("id", h.id());
        if (h.issueId() != null) {
            n.put("issue_id", h.issueId());
        }
        n.put("timestamp", h.timestamp());
        putOwnFields(event, n);
        for (Map.Entry<String, JsonNode> unknown : h.unknownFields().entrySet()) {
            n.set(unknown.getKey(), unknown.getValue());
        }
        String actor = h.actor() != null ? h.actor() : defaultActor;
        if (actor != null) {
            n.put("actor", actor);
        }
        return n;
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    // A switch on the type name, not instanceof tests: a write loads only the record classes it uses.
    private static void putOwnFields(JitEvent event, ObjectNode n) {
        switch (event.type()) {
            case IssueCreated.TYPE -> {
                IssueCreated e = (IssueCreated) event;
                n.put("title", e.title());
                n.put("priority", e.priority().wire());
                if (e.parentId() != null) {
                    n.put("parent_id", e.parentId());
                }
            }
            case IssueClaimed.TYPE -> n.put("assignee", ((IssueClaimed) event).assignee());
            case LeaseExpired.TYPE -> {
                LeaseExpired e = (LeaseExpired) event;
                n.put("holder", e.holder());
                n.put("expired_at", e.expiredAt());
            }
            case IssueStateChanged.TYPE -> {
                IssueStateChanged e = (IssueStateChanged) event;
                n.put("from", e.from().wire());
                n.put("to", e.to().wire());
            }
            case GatePassed.TYPE -> {
                GatePassed e = (GatePassed) event;
                n.put("gate_key", e.gateKey());
                n.put("updated_by", e.updatedBy());
                putIfPresent(n, "run_id", e.runId());
                putIfPresent(n, "reason", e.reason());
            }
            case GateFailed.TYPE -> {
                GateFailed e = (GateFailed) event;
                n.put("gate_key", e.gateKey());
                n.put("updated_by", e.updatedBy());
                putIfPresent(n, "run_id", e.runId());
            }
            case IssueCompleted.TYPE -> {
                // no fields of its own
            }
            case IssueReleased.TYPE -> {
                IssueReleased e = (IssueReleased) event;
                n.put("assignee", e.assignee());
                n.put("reason", e.reason());
            }
            case IssueUpdated.TYPE -> {
                ObjectNode changes = n.putObject("changes");
                for (Map.Entry<String, IssueUpdated.FieldChange> c : ((IssueUpdated) event).changes().entrySet()) {
                    ObjectNode change = changes.putObject(c.getKey());
                    change.set("from", c.getValue().from());
                    change.set("to", c.getValue().to());
                }
            }
            case IssueAssigned.TYPE -> {
                IssueAssigned e = (IssueAssigned) event;
                n.put("assignee", e.assignee());
                n.put("previous", e.previous());
            }
            case IssueUnassigned.TYPE -> n.put("assignee", ((IssueUnassigned) event).assignee());
            case IssueRejected.TYPE -> n.put("reason", ((IssueRejected) event).reason());
            case IssueDeleted.TYPE -> n.put("title", ((IssueDeleted) event).title());
            case DependencyAdded.TYPE -> n.put("dependency_id", ((DependencyAdded) event).dependencyId());
            case DependencyRemoved.TYPE -> n.put("dependency_id", ((DependencyRemoved) event).dependencyId());
            case GateAdded.TYPE -> n.put("gate_key", ((GateAdded) event).gateKey());
            case GateDefined.TYPE -> n.put("gate_key", ((GateDefined) event).gateKey());
            case GateUndefined.TYPE -> n.put("gate_key", ((GateUndefined) event).gateKey());
            case StoreRepaired.TYPE -> putTexts(n.putArray("repairs"), ((StoreRepaired) event).repairs());
            case AgentStarted.TYPE -> {
                AgentStarted e = (AgentStarted) event;
                n.put("agent_id", e.agentId());
                putTexts(n.putArray("argv"), e.argv());
                n.put("log", e.log());
            }
            case AgentExited.TYPE -> {
                AgentExited e = (AgentExited) event;
                n.put("agent_id", e.agentId());
                n.put("pid", e.pid());
                n.put("exit_code", e.exitCode());
                n.put("duration_ms", e.durationMs());
                n.put("issue_state", e.issueState());
                n.put("released", e.released());
                if (e.stopped() != null) {
                    n.put("stopped", e.stopped());
                }
            }
            case AgentStalled.TYPE -> {
                AgentStalled e = (AgentStalled) event;
                n.put("agent_id", e.agentId());
                n.put("pid", e.pid());
                n.put("stall_timeout_ms", e.stallTimeoutMs());
            }
            case AgentOrphaned.TYPE -> {
                AgentOrphaned e = (AgentOrphaned) event;
                n.put("agent_id", e.agentId());
                n.put("action", e.action().wire());
                n.put("pid", e.pid());
                n.put("previous_dispatcher_pid", e.previousDispatcherPid());
            }
            default -> throw new IllegalStateException("no encoding for event type " + event.type());
        }
    }

    private static void putTexts(ArrayNode array, List<String> texts) {
        for (String t : texts) {
            array.add(t);
        }
    }

    /** The typed event, or null for a type this version does not know. */
    private static JitEvent decodeKnown(String type, Fields f) {
        f.take("type");
        f.startHeader();
        return switch (type) {
            case IssueCreated.TYPE -> {
                String title = f.text("title");
                Priority priority = priority(f.text("priority"));
                String parentId = f.optionalText("parent_id");
                yield new IssueCreated(f.endHeader(), title, priority, parentId);
            }
            case IssueClaimed.TYPE -> {
                String assignee = f.text("assignee");
                yield new IssueClaimed(f.endHeader(), assignee);
            }
            case LeaseExpired.TYPE -> {
                String holder = f.text("holder");
                String expiredAt = f.text("expired_at");
                yield new LeaseExpired(f.endHeader(), holder, expiredAt);
            }
            case IssueStateChanged.TYPE -> {
                State from = state(f.text("from"));
                State to = state(f.text("to"));
                yield new IssueStateChanged(f.endHeader(), from, to);
            }
            case GatePassed.TYPE -> {
                String gateKey = f.text("gate_key");
                String updatedBy = f.textOrNull("updated_by");
                String runId = f.optionalText("run_id");
                String reason = f.optionalText("reason");
                yield new GatePassed(f.endHeader(), gateKey, updatedBy, runId, reason);
            }
            case GateFailed.TYPE -> {
                String gateKey = f.text("gate_key");
                String updatedBy = f.textOrNull("updated_by");
                String runId = f.optionalText("run_id");
                yield new GateFailed(f.endHeader(), gateKey, updatedBy, runId);
            }
            case IssueCompleted.TYPE -> new IssueCompleted(f.endHeader());
            case IssueReleased.TYPE -> {
                String assignee = f.text("assignee");
                String reason = f.text("reason");
                yield new IssueReleased(f.endHeader(), assignee, reason);
            }
            case IssueUpdated.TYPE -> {
                Map<String, IssueUpdated.FieldChange> changes = changes(f.take("changes"));
                yield new IssueUpdated(f.endHeader(), changes);
            }
            case IssueAssigned.TYPE -> {
                String assignee = f.text("assignee");
                String previous = f.textOrNull("previous");
                yield new IssueAssigned(f.endHeader(), assignee, previous);
            }
            case IssueUnassigned.TYPE -> {
                String assignee = f.text("assignee");
                yield new IssueUnassigned(f.endHeader(), assignee);
            }
            case IssueRejected.TYPE -> {
                String reason = f.text("reason");
                yield new IssueRejected(f.endHeader(), reason);
            }
            case IssueDeleted.TYPE -> {
                String title = f.text("title");
                yield new IssueDeleted(f.endHeader(), title);
            }
            case DependencyAdded.TYPE -> {
                String dependencyId = f.text("dependency_id");
                yield new DependencyAdded(f.endHeader(), dependencyId);
            }
            case DependencyRemoved.TYPE -> {
                String dependencyId = f.text("dependency_id");
                yield new DependencyRemoved(f.endHeader(), dependencyId);
            }
            case GateAdded.TYPE -> {
                String gateKey = f.text("gate_key");
                yield new GateAdded(f.endHeader(), gateKey);
            }
            case GateDefined.TYPE -> {
                String gateKey = f.text("gate_key");
                yield new GateDefined(f.endHeader(), gateKey);
            }
            case GateUndefined.TYPE -> {
                String gateKey = f.text("gate_key");
                yield new GateUndefined(f.endHeader(), gateKey);
            }
            case StoreRepaired.TYPE -> {
                List<String> repairs = texts(f.take("repairs"));
                yield new StoreRepaired(f.endHeader(), repairs);
            }
            case AgentStarted.TYPE -> {
                String agentId = f.text("agent_id");
                List<String> argv = texts(f.take("argv"));
                String log = f.text("log");
                yield new AgentStarted(f.endHeader(), agentId, argv, log);
            }
            case AgentExited.TYPE -> {
                String agentId = f.text("agent_id");
                long pid = f.integer("pid");
                JsonNode exit = f.take("exit_code");
                Integer exitCode = exit.isNull() ? null : toInt(exit);
                long durationMs = f.integer("duration_ms");
                String issueState = f.text("issue_state");
                boolean released = f.bool("released");
                String stopped = f.optionalText("stopped");
                yield new AgentExited(f.endHeader(), agentId, pid, exitCode, durationMs, issueState, released,
                        stopped);
            }
            case AgentStalled.TYPE -> {
                String agentId = f.text("agent_id");
                long pid = f.integer("pid");
                long stallTimeoutMs = f.integer("stall_timeout_ms");
                yield new AgentStalled(f.endHeader(), agentId, pid, stallTimeoutMs);
            }
            case AgentOrphaned.TYPE -> {
                String agentId = f.text("agent_id");
                AgentOrphaned.Action action = orphanAction(f.text("action"));
                long pid = f.integer("pid");
                long previousDispatcherPid = f.integer("previous_dispatcher_pid");
                yield new AgentOrphaned(f.endHeader(), agentId, action, pid, previousDispatcherPid);
            }
            default -> null;
        };
    }

    // Exact wire names only (State.parse also takes aliases and any case, which would not encode back the same).
    private static State state(String wire) {
        for (State s : State.values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw NotAsWritten.INSTANCE;
    }

    private static Priority priority(String wire) {
        for (Priority p : Priority.values()) {
            if (p.wire().equals(wire)) {
                return p;
            }
        }
        throw NotAsWritten.INSTANCE;
    }

    private static AgentOrphaned.Action orphanAction(String wire) {
        for (AgentOrphaned.Action a : AgentOrphaned.Action.values()) {
            if (a.wire().equals(wire)) {
                return a;
            }
        }
        throw NotAsWritten.INSTANCE;
    }

    private static Map<String, IssueUpdated.FieldChange> changes(JsonNode node) {
        if (!node.isObject()) {
            throw NotAsWritten.INSTANCE;
        }
        Map<String, IssueUpdated.FieldChange> changes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            JsonNode change = c.getValue();
            // Exactly {"from":…,"to":…}: anything else would not encode back the same.
            if (!change.isObject() || change.size() != 2) {
                throw NotAsWritten.INSTANCE;
            }
            Iterator<String> names = change.fieldNames();
            if (!names.next().equals("from") || !names.next().equals("to")) {
                throw NotAsWritten.INSTANCE;
            }
            changes.put(c.getKey(), new IssueUpdated.FieldChange(change.get("from"), change.get("to")));
        }
        return changes;
    }

    private static List<String> texts(JsonNode node) {
        if (!node.isArray()) {
            throw NotAsWritten.INSTANCE;
        }
        List<String> texts = new ArrayList<>(node.size());
        for (JsonNode t : node) {
            if (!t.isTextual()) {
                throw NotAsWritten.INSTANCE;
            }
            texts.add(t.textValue());
        }
        return texts;
    }

    private static int toInt(JsonNode n) {
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw NotAsWritten.INSTANCE;
        }
        return n.intValue();
    }

    /** A line of a known type that is not as JIT writes it: it is kept as an {@link UnknownEvent}. */
    private static final class NotAsWritten extends RuntimeException {
        static final NotAsWritten INSTANCE = new NotAsWritten();

        private NotAsWritten() {
            super(null, null, false, false);
        }
    }

    /** The fields of a line, taken one by one in the order the line has them. */
    private static final class Fields {
        private final Iterator<Map.Entry<String, JsonNode>> it;
        private Map.Entry<String, JsonNode> next;
        private String id;
        private String issueId;
        private String timestamp;
        /** Optional fields the line does not have where JIT writes them: they may not turn up later either. */
        private final List<String> absentOptional = new ArrayList<>(2);

        Fields(ObjectNode json) {
            it = json.fields();
            advance();
        }

        private void advance() {
            next = it.hasNext() ? it.next() : null;
        }

        private boolean at(String name) {
            return next != null && next.getKey().equals(name);
        }

        JsonNode take(String name) {
            if (!at(name)) {
                throw NotAsWritten.INSTANCE;
            }
            JsonNode value = next.getValue();
            advance();
            return value;
        }

        String text(String name) {
            return textOf(take(name));
        }

        /** A field always written, null or text. */
        String textOrNull(String name) {
            JsonNode v = take(name);
            return v.isNull() ? null : textOf(v);
        }

        /** A field written only when it has a value. */
        String optionalText(String name) {
            if (at(name)) {
                return text(name);
            }
            absentOptional.add(name);
            return null;
        }

        long integer(String name) {
            JsonNode v = take(name);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw NotAsWritten.INSTANCE;
            }
            return v.longValue();
        }

        boolean bool(String name) {
            JsonNode v = take(name);
            if (!v.isBoolean()) {
                throw NotAsWritten.INSTANCE;
            }
            return v.booleanValue();
        }

        /** Reads {@code id}, {@code issue_id} (when present) and {@code timestamp}, which follow the type. */
        void startHeader() {
            id = text("id");
            issueId = optionalText("issue_id");
            timestamp = text("timestamp");
        }

        /** The header, with the fields after the type's own: unknown ones, then {@code actor} as the last. */
        EventHeader endHeader() {
            Map<String, JsonNode> unknown = Map.of();
            String actor = null;
            while (next != null) {
                Map.Entry<String, JsonNode> field = next;
                advance();
                if (field.getKey().equals("actor")) {
                    if (next != null || !field.getValue().isTextual()) {
                        throw NotAsWritten.INSTANCE;
                    }
                    actor = field.getValue().textValue();
                } else if (absentOptional.contains(field.getKey())) {
                    throw NotAsWritten.INSTANCE;
                } else {
                    if (unknown.isEmpty()) {
                        unknown = new LinkedHashMap<>();
                    }
                    unknown.put(field.getKey(), field.getValue());
                }
            }
            return new EventHeader(id, issueId, timestamp, actor, unknown);
        }

        private static String textOf(JsonNode v) {
            if (!v.isTextual()) {
                throw NotAsWritten.INSTANCE;
            }
            return v.textValue();
        }
    }
}
