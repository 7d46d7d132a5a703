// Shapes of the jit-server API (see the shared API contract). Issues are the on-disk JSON plus `blocked`.

export const STATES = ['backlog', 'ready', 'in_progress', 'gated', 'done', 'archived', 'rejected'] as const;
export type State = (typeof STATES)[number];

export const PRIORITIES = ['critical', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface GateState {
  status: 'pending' | 'passed' | 'failed';
  updated_by: string | null;
  updated_at: string | null;
}

export interface DocumentRef {
  path: string;
  commit: string | null;
  label: string | null;
  doc_type: string | null;
}

export interface BlockedReason {
  type: 'dependency' | 'gate' | string;
  target: string;
  status: string;
  detail: string;
}

export interface Issue {
  id: string;
  title: string;
  description: string;
  state: State;
  priority: Priority;
  assignee: string | null;
  /** Present while the claim has a time limit (claim --ttl). */
  lease?: { holder: string; ttl_secs: number; acquired_at: string; expires_at: string; last_beat: string };
  dependencies: string[];
  gates_required: string[];
  gates_status: Record<string, GateState>;
  context: Record<string, string>;
  documents: DocumentRef[];
  labels: string[];
  created_at?: string;
  updated_at?: string;
  blocked: boolean;
  [extra: string]: unknown;
}

export interface IssueDetail extends Issue {
  dependents: string[];
  blocked_reasons: BlockedReason[];
}

export interface IssuePage {
  issues: Issue[];
  total: number;
  next_cursor: string | null;
}

export interface GraphNode {
  id: string;
  label: string;
  state: State;
  priority: Priority;
  assignee: string | null;
  blocked: boolean;
  labels: string[];
}

/** `from` depends on `to`. */
export interface GraphEdge {
  from: string;
  to: string;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export type StatusCounts = Record<State | 'blocked' | 'total', number>;

export type { JitEvent, KnownEvent } from './events';

/** One matching line of GET /api/search. */
export interface SearchHit {
  issue_id: string;
  /** The issue's title (for a document: the first linking issue's). */
  title: string;
  /** title, description, label, context.<key> or document */
  field: string;
  line_number: number;
  line_text: string;
  /** Matched spans of line_text (string indices, end exclusive). */
  matches: { start: number; end: number }[];
  /** Document matches only: the repository-relative path and every issue linking it. */
  path?: string;
  issue_ids?: string[];
}

export interface SearchResults {
  query: string;
  /** Every matching line; results holds at most the limit asked for. */
  total: number;
  results: SearchHit[];
  /** The issues the results name, in the list's form. */
  issues: Issue[];
}

/** `PATCH /api/issues/{id}` (the OpenAPI component IssueEdit): absent fields are left as they are. */
export interface IssueEdit {
  title?: string;
  description?: string;
  priority?: Priority;
  state?: State;
  add_labels?: string[];
  remove_labels?: string[];
  context?: Record<string, string>;
  unset_context?: string[];
  assignee?: string;
  unassign?: boolean;
  add_gates?: string[];
  remove_gates?: string[];
}

/** A gate of the registry (`GET /api/gates`). */
export interface GateDefinition {
  key: string;
  title: string;
  description: string;
  stage: 'precheck' | 'postcheck';
  checked: boolean;
}
