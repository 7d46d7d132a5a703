// Pure board operations: which columns to show, how cards are placed while moves are in flight, what a
// card says about its claim and gates, and what a move's toast says.
import { claimKey, type ClaimTimes } from './dashboardModel';
import { STATE_LABELS } from './graphModel';
import { STATES, type Issue, type State } from './types';

/** The columns shown when the state filter is empty; archived and rejected are shown on demand. */
export const DEFAULT_COLUMNS: readonly State[] = ['backlog', 'ready', 'in_progress', 'gated', 'done'];

/**
 * Cards a column shows before "show all": a screenful several times over, and a bound on what the board
 * fetches and renders however large the store (at 1,000 issues, rendering is most of the time to interactive).
 */
export const COLUMN_LIMIT = 50;

const CLOSED: ReadonlySet<State> = new Set(['done', 'archived', 'rejected']);

/** The board's columns for a state filter (the list's `state` parameter), always in lifecycle order. */
export function visibleColumns(stateFilter: readonly string[]): State[] {
  const wanted = stateFilter.filter((s): s is State => (STATES as readonly string[]).includes(s));
  return wanted.length === 0 ? [...DEFAULT_COLUMNS] : STATES.filter((s) => wanted.includes(s));
}

/**
 * The state filter that shows `columns`: empty for the default columns, so the plain board keeps a plain
 * URL, and the list opened with the same parameters shows every state.
 */
export function stateFilterFor(columns: readonly string[]): string[] {
  const shown = visibleColumns(columns);
  const isDefault = shown.length === DEFAULT_COLUMNS.length && shown.every((s) => DEFAULT_COLUMNS.includes(s));
  return columns.length === 0 || isDefault ? [] : shown;
}

/** Open work is ordered by urgency; closed columns show the most recently closed first. */
export function columnSort(state: State): string {
  return CLOSED.has(state) ? '-updated' : 'priority';
}

/** The column `step` places to the left (-1) or right (+1) of `from`, or null at the edge. */
export function neighbourColumn(columns: readonly State[], from: State, step: -1 | 1): State | null {
  const i = columns.indexOf(from);
  if (i < 0) return null;
  return columns[i + step] ?? null;
}

/** A card taken out of its column: in flight (`pending`) or answered by the API (`settledAt`, a load number). */
export interface Move {
  issue: Issue;
  to: State;
  pending: boolean;
  /** Loads numbered above this one already include the move's outcome. */
  settledAt: number;
}

export interface ColumnCards {
  cards: Issue[];
  /** The column's count on the server, corrected for the moves not yet in the loaded data. */
  total: number;
}

/**
 * The cards of each column once `moves` are applied to the loaded pages: a moved card leaves its column
 * and is shown first in its target column (with the state it moves to), until a load that started after
 * the move's answer shows it where it really is.
 */
export function placeCards(
  pages: Partial<Record<State, { issues: Issue[]; total: number }>>,
  moves: Record<string, Move>,
  loadNumber: number,
): Partial<Record<State, ColumnCards>> {
  const live = new Map(Object.values(moves)
    .filter((m) => m.pending || m.settledAt >= loadNumber)
    .map((m) => [m.issue.id, m]));
  const out: Partial<Record<State, ColumnCards>> = {};
  for (const [state, page] of Object.entries(pages) as [State, { issues: Issue[]; total: number }][]) {
    const here = new Set(page.issues.map((i) => i.id));
    const incoming = [...live.values()].filter((m) => m.to === state).map((m) => ({ ...m.issue, state }));
    const movedAway = page.issues.filter((i) => live.has(i.id) && live.get(i.id)!.to !== state).length;
    const arrived = incoming.filter((i) => !here.has(i.id)).length;
    out[state] = {
      cards: [...incoming, ...page.issues.filter((i) => !live.has(i.id))],
      total: page.total - movedAway + arrived,
    };
  }
  return out;
}

/** Since when the assignee holds the issue: its lease's start, else the latest claim in the event log. */
export function heldSince(issue: Issue, claims: ClaimTimes): string | null {
  if (!issue.assignee) return null;
  if (issue.lease && issue.lease.holder === issue.assignee) return issue.lease.acquired_at;
  return claims.get(claimKey(issue.id, issue.assignee)) ?? null;
}

export interface GateProgress {
  passed: number;
  total: number;
  failed: number;
}

/** How many of the issue's required gates passed (and failed); null when it requires none. */
export function gateProgress(issue: Issue): GateProgress | null {
  const total = issue.gates_required.length;
  if (total === 0) return null;
  const status = (key: string) => issue.gates_status[key]?.status ?? 'pending';
  return {
    passed: issue.gates_required.filter((k) => status(k) === 'passed').length,
    failed: issue.gates_required.filter((k) => status(k) === 'failed').length,
    total,
  };
}

/**
 * The message after a move the API accepted: the state the issue reached, and why when it is not the one
 * asked (done with gates not all passed stops at gated).
 */
export function moveMessage(shortId: string, from: State, asked: State, reached: State): string {
  const why = reached === 'gated' && asked === 'done' ? `not done: its gates have not all passed` : `asked: ${STATE_LABELS[asked]}`;
  if (reached === asked) return `${shortId} moved to ${STATE_LABELS[reached]}`;
  if (reached === from) return `${shortId} stays in ${STATE_LABELS[reached]}, ${why}`;
  return `${shortId} moved to ${STATE_LABELS[reached]}, ${why}`;
}
