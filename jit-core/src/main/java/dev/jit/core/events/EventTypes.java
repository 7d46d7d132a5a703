package dev.jit.core.events;

import java.util.List;

/** Every event type JIT writes: the reference's seven, then the ones it did not log. */
public final class EventTypes {
    public static final String ISSUE_CREATED = "issue_created";
    public static final String ISSUE_CLAIMED = "issue_claimed";
    public static final String ISSUE_STATE_CHANGED = "issue_state_changed";
    public static final String GATE_PASSED = "gate_passed";
    public static final String GATE_FAILED = "gate_failed";
    public static final String ISSUE_COMPLETED = "issue_completed";
    public static final String ISSUE_RELEASED = "issue_released";

    public static final String ISSUE_UPDATED = "issue_updated";
    public static final String ISSUE_ASSIGNED = "issue_assigned";
    public static final String ISSUE_UNASSIGNED = "issue_unassigned";
    public static final String ISSUE_REJECTED = "issue_rejected";
    public static final String ISSUE_DELETED = "issue_deleted";
    public static final String DEPENDENCY_ADDED = "dependency_added";
    public static final String DEPENDENCY_REMOVED = "dependency_removed";
    public static final String GATE_ADDED = "gate_added";
    public static final String GATE_DEFINED = "gate_defined";
    public static final String GATE_UNDEFINED = "gate_undefined";
    public static final String STORE_REPAIRED = "store_repaired";

    /** Written by jit-dispatch: an agent process started on, ended on, stalled on or was orphaned from an issue. */
    public static final String AGENT_STARTED = "agent_started";
    public static final String AGENT_EXITED = "agent_exited";
    public static final String AGENT_STALLED = "agent_stalled";
    public static final String AGENT_ORPHANED = "agent_orphaned";

    public static final List<String> ALL = List.of(ISSUE_CREATED, ISSUE_CLAIMED, ISSUE_STATE_CHANGED, GATE_PASSED,
            GATE_FAILED, ISSUE_COMPLETED, ISSUE_RELEASED, ISSUE_UPDATED, ISSUE_ASSIGNED, ISSUE_UNASSIGNED,
            ISSUE_REJECTED, ISSUE_DELETED, DEPENDENCY_ADDED, DEPENDENCY_REMOVED, GATE_ADDED, GATE_DEFINED,
            GATE_UNDEFINED, AGENT_STARTED, AGENT_EXITED, AGENT_STALLED, AGENT_ORPHANED);

    private EventTypes() {
    }
}
