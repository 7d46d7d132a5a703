// Generated from jit-server's openapi-components.json by WebEventTypesTest. Do not edit.
import type { Priority, State } from './types';

/** An issue was created. */
export interface IssueCreated {
  type: 'issue_created';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  title: string;
  priority: Priority;
  /** the issue a breakdown split it from; absent otherwise */
  parent_id?: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** An assignee took the issue. */
export interface IssueClaimed {
  type: 'issue_claimed';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  assignee: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** The issue moved from one state to another. */
export interface IssueStateChanged {
  type: 'issue_state_changed';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  from: State;
  to: State;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** A required gate passed. */
export interface GatePassed {
  type: 'gate_passed';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  gate_key: string;
  /** who recorded it, or null */
  updated_by: string | null;
  /** the gate run that decided it (gate-runs/<run_id>/result.json); absent for an attestation */
  run_id?: string;
  /** why a human passed a gate that has a checker without running it; absent otherwise */
  reason?: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** A required gate failed. */
export interface GateFailed {
  type: 'gate_failed';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  gate_key: string;
  /** who recorded it, or null */
  updated_by: string | null;
  /** the gate run that decided it (gate-runs/<run_id>/result.json); absent for an attestation */
  run_id?: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** The issue became done. */
export interface IssueCompleted {
  type: 'issue_completed';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** The issue was freed. */
export interface IssueReleased {
  type: 'issue_released';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  /** the previous assignee, "" if none */
  assignee: string;
  reason: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** Fields of the issue were edited. */
export interface IssueUpdated {
  type: 'issue_updated';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  /** each changed field (as named in the issue) with its value before and after */
  changes: Record<string, { from: unknown; to: unknown }>;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** The issue was given to an assignee. */
export interface IssueAssigned {
  type: 'issue_assigned';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  assignee: string;
  /** the assignee before, or null */
  previous: string | null;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** The issue lost its assignee. */
export interface IssueUnassigned {
  type: 'issue_unassigned';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  /** the assignee it had */
  assignee: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** The issue was closed without doing it. */
export interface IssueRejected {
  type: 'issue_rejected';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  reason: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** The issue was deleted. */
export interface IssueDeleted {
  type: 'issue_deleted';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  /** its title at the time */
  title: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** The issue now depends on dependency_id. */
export interface DependencyAdded {
  type: 'dependency_added';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  dependency_id: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** The issue no longer depends on dependency_id. */
export interface DependencyRemoved {
  type: 'dependency_removed';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  dependency_id: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** The issue now requires a gate. */
export interface GateAdded {
  type: 'gate_added';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  gate_key: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** A gate was added to the registry (no issue_id). */
export interface GateDefined {
  type: 'gate_defined';
  /** the event's own id (a UUID) */
  id: string;
  issue_id?: string;
  timestamp: string;
  gate_key: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** A gate was removed from the registry (no issue_id). */
export interface GateUndefined {
  type: 'gate_undefined';
  /** the event's own id (a UUID) */
  id: string;
  issue_id?: string;
  timestamp: string;
  gate_key: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** jit validate --fix repaired the store (no issue_id). */
export interface StoreRepaired {
  type: 'store_repaired';
  /** the event's own id (a UUID) */
  id: string;
  issue_id?: string;
  timestamp: string;
  repairs: string[];
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** jit-dispatch started an agent on the issue. */
export interface AgentStarted {
  type: 'agent_started';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  agent_id: string;
  argv: string[];
  /** the agent's log file */
  log: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** An agent process of jit-dispatch ended. */
export interface AgentExited {
  type: 'agent_exited';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  agent_id: string;
  pid: number;
  /** null when unknown (an adopted process) */
  exit_code: number | null;
  duration_ms: number;
  /** the issue's state after it, or deleted */
  issue_state: string;
  released: boolean;
  /** why the dispatcher stopped it; absent when it ended by itself */
  stopped?: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** An agent of jit-dispatch wrote no output for stall_timeout_ms and is being stopped. */
export interface AgentStalled {
  type: 'agent_stalled';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  agent_id: string;
  pid: number;
  stall_timeout_ms: number;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** A dispatcher found the agent of a dispatcher that died. */
export interface AgentOrphaned {
  type: 'agent_orphaned';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  agent_id: string;
  action: 'adopted' | 'released' | 'kept';
  pid: number;
  previous_dispatcher_pid: number;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** A claim's lease ran out before its holder renewed it; the issue was freed (back to ready, or backlog if blocked). */
export interface LeaseExpired {
  type: 'lease_expired';
  /** the event's own id (a UUID) */
  id: string;
  issue_id: string;
  timestamp: string;
  /** the assignee whose lease ran out */
  holder: string;
  /** when the lease ran out */
  expired_at: string;
  /** who caused it; absent when not recorded */
  actor?: string;
}

/** A line of a type this version does not know (another tool's), served as written. */
export interface UnknownEvent {
  type: string;
  id?: string;
  issue_id?: string;
  timestamp?: string;
  [field: string]: unknown;
}

/** Every event type this version knows. */
export type KnownEvent =
  | IssueCreated
  | IssueClaimed
  | IssueStateChanged
  | GatePassed
  | GateFailed
  | IssueCompleted
  | IssueReleased
  | IssueUpdated
  | IssueAssigned
  | IssueUnassigned
  | IssueRejected
  | IssueDeleted
  | DependencyAdded
  | DependencyRemoved
  | GateAdded
  | GateDefined
  | GateUndefined
  | StoreRepaired
  | AgentStarted
  | AgentExited
  | AgentStalled
  | AgentOrphaned
  | LeaseExpired;

/** One line of the event log, as the event API and the event stream serve it. */
export type JitEvent = KnownEvent | UnknownEvent;

export const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set([
  'issue_created',
  'issue_claimed',
  'issue_state_changed',
  'gate_passed',
  'gate_failed',
  'issue_completed',
  'issue_released',
  'issue_updated',
  'issue_assigned',
  'issue_unassigned',
  'issue_rejected',
  'issue_deleted',
  'dependency_added',
  'dependency_removed',
  'gate_added',
  'gate_defined',
  'gate_undefined',
  'store_repaired',
  'agent_started',
  'agent_exited',
  'agent_stalled',
  'agent_orphaned',
  'lease_expired',
]);

/** Whether `e` is of a type this version knows (its fields then have their types). */
export function isKnownEvent(e: JitEvent): e is KnownEvent {
  return KNOWN_EVENT_TYPES.has(e.type);
}
