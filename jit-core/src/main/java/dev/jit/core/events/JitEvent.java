package dev.jit.core.events;

/**
 * One event of {@code events.jsonl}, typed: a record per event type JIT writes, each with the common
 * {@link EventHeader} and its own fields, plus {@link UnknownEvent} for any line that is not one of them (a type
 * this version does not know, or a known type in a shape it does not write), kept as read. {@link EventCodec}
 * turns lines into records and records into lines.
 */
public sealed interface JitEvent permits IssueCreated, IssueClaimed, IssueStateChanged, GatePassed, GateFailed,
        IssueCompleted, IssueReleased, IssueUpdated, IssueAssigned, IssueUnassigned, IssueRejected, IssueDeleted,
        DependencyAdded, DependencyRemoved, GateAdded, GateDefined, GateUndefined, StoreRepaired, AgentStarted,
        AgentExited, AgentStalled, AgentOrphaned, LeaseExpired, UnknownEvent {

    /** The snake_case {@code type} of the line, e.g. {@code issue_claimed}. */
    String type();

    EventHeader header();

    default String id() {
        return header().id();
    }

    /** The issue the event is about, or null for events about the store or the gate registry. */
    default String issueId() {
        return header().issueId();
    }

    default String timestamp() {
        return header().timestamp();
    }

    /** Who caused it ({@code human:alice}, {@code agent:worker-1}, {@code dispatcher:<pid>}), or null. */
    default String actor() {
        return header().actor();
    }
}
