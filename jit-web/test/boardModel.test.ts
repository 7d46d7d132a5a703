import { describe, expect, it } from 'vitest';
import {
  columnSort, gateProgress, heldSince, moveMessage, neighbourColumn, placeCards, stateFilterFor, visibleColumns,
  DEFAULT_COLUMNS, type Move,
} from '../src/boardModel';
import { latestClaims } from '../src/dashboardModel';
import type { Issue, JitEvent, State } from '../src/types';

const issue = (id: string, state: State, extra: Partial<Issue> = {}): Issue => ({
  id, title: id, description: '', state, priority: 'normal', assignee: null, dependencies: [], gates_required: [],
  gates_status: {}, context: {}, documents: [], labels: [], blocked: false, ...extra,
});
const page = (...issues: Issue[]) => ({ issues, total: issues.length });
const ids = (cards: Issue[] | undefined) => (cards ?? []).map((c) => `${c.id}:${c.state}`);

describe('board columns', () => {
  it('shows the five working columns without a state filter, else the filtered states in lifecycle order', () => {
    expect(visibleColumns([])).toEqual(['backlog', 'ready', 'in_progress', 'gated', 'done']);
    expect(visibleColumns(['rejected', 'ready'])).toEqual(['ready', 'rejected']);
    expect(visibleColumns(['nonsense'])).toEqual([...DEFAULT_COLUMNS]);
  });

  it('keeps the default columns as no state filter', () => {
    expect(stateFilterFor([...DEFAULT_COLUMNS])).toEqual([]);
    expect(stateFilterFor(['done', 'ready', 'backlog', 'gated', 'in_progress'])).toEqual([]);
    expect(stateFilterFor([...DEFAULT_COLUMNS, 'archived'])).toEqual([...DEFAULT_COLUMNS, 'archived']);
    expect(stateFilterFor(['ready'])).toEqual(['ready']);
    expect(stateFilterFor([])).toEqual([]);
  });

  it('orders open work by priority and closed columns by recency', () => {
    expect(columnSort('ready')).toBe('priority');
    expect(columnSort('done')).toBe('-updated');
    expect(columnSort('rejected')).toBe('-updated');
  });

  it('finds the neighbouring column, or none at the edges', () => {
    const cols: State[] = ['backlog', 'ready', 'done'];
    expect(neighbourColumn(cols, 'ready', 1)).toBe('done');
    expect(neighbourColumn(cols, 'ready', -1)).toBe('backlog');
    expect(neighbourColumn(cols, 'backlog', -1)).toBeNull();
    expect(neighbourColumn(cols, 'done', 1)).toBeNull();
    expect(neighbourColumn(cols, 'gated', 1)).toBeNull();
  });
});

describe('placing cards while moves are in flight', () => {
  const pages = { ready: page(issue('a', 'ready'), issue('b', 'ready')), in_progress: page(issue('c', 'in_progress')) };

  it('shows a pending move first in its target column and corrects the counts', () => {
    const moves: Record<string, Move> = { b: { issue: issue('b', 'ready'), to: 'in_progress', pending: true, settledAt: 0 } };
    const placed = placeCards(pages, moves, 5);
    expect(ids(placed.ready?.cards)).toEqual(['a:ready']);
    expect(ids(placed.in_progress?.cards)).toEqual(['b:in_progress', 'c:in_progress']);
    expect([placed.ready?.total, placed.in_progress?.total]).toEqual([1, 2]);
  });

  it('without the move the card is back where the data has it (a refused move snaps back)', () => {
    expect(ids(placeCards(pages, {}, 5).ready?.cards)).toEqual(['a:ready', 'b:ready']);
  });

  it('keeps an answered move until a load started after the answer, then trusts the data', () => {
    const answered = issue('b', 'gated');
    const moves: Record<string, Move> = { b: { issue: answered, to: 'gated', pending: false, settledAt: 7 } };
    const withGated = { ...pages, gated: page() };
    expect(ids(placeCards(withGated, moves, 7).gated?.cards)).toEqual(['b:gated']);
    expect(ids(placeCards(withGated, moves, 8).gated?.cards)).toEqual([]);
    expect(ids(placeCards(withGated, moves, 8).ready?.cards)).toEqual(['a:ready', 'b:ready']);
  });

  it('does not count a card twice when the data already has it in the target column', () => {
    const moves: Record<string, Move> = { c: { issue: issue('c', 'in_progress'), to: 'in_progress', pending: false, settledAt: 3 } };
    const placed = placeCards(pages, moves, 3);
    expect(ids(placed.in_progress?.cards)).toEqual(['c:in_progress']);
    expect(placed.in_progress?.total).toBe(1);
  });
});

describe('cards', () => {
  const claims = latestClaims([
    { type: 'issue_claimed', id: 'e1', issue_id: 'x', assignee: 'amy', timestamp: '2026-01-01T08:00:00Z' },
    { type: 'issue_assigned', id: 'e2', issue_id: 'x', assignee: 'amy', previous: null, timestamp: '2026-01-01T09:00:00Z' },
    { type: 'issue_claimed', id: 'e3', issue_id: 'x', assignee: 'bob', timestamp: '2026-01-01T10:00:00Z' },
  ] as JitEvent[]);

  it('is held since the lease started, else since the latest claim of its assignee, else unknown', () => {
    const lease = { holder: 'amy', ttl_secs: 60, acquired_at: '2026-01-01T07:30:00Z', expires_at: 'x', last_beat: 'x' };
    expect(heldSince(issue('x', 'in_progress', { assignee: 'amy', lease }), claims)).toBe('2026-01-01T07:30:00Z');
    expect(heldSince(issue('x', 'in_progress', { assignee: 'amy' }), claims)).toBe('2026-01-01T09:00:00Z');
    expect(heldSince(issue('x', 'in_progress', { assignee: 'carl' }), claims)).toBeNull();
    expect(heldSince(issue('x', 'ready'), claims)).toBeNull();
  });

  it('counts passed and failed gates, none when the issue requires none', () => {
    expect(gateProgress(issue('x', 'gated'))).toBeNull();
    const gated = issue('x', 'gated', {
      gates_required: ['tests', 'docs', 'review'],
      gates_status: {
        tests: { status: 'passed', updated_by: null, updated_at: null },
        docs: { status: 'failed', updated_by: null, updated_at: null },
      },
    });
    expect(gateProgress(gated)).toEqual({ passed: 1, failed: 1, total: 3 });
  });

  it('says which state a move reached, and why when it is not the one asked', () => {
    expect(moveMessage('abcd1234', 'backlog', 'ready', 'ready')).toBe('abcd1234 moved to ready');
    expect(moveMessage('abcd1234', 'in_progress', 'done', 'gated'))
      .toBe('abcd1234 moved to gated, not done: its gates have not all passed');
    expect(moveMessage('abcd1234', 'gated', 'done', 'gated'))
      .toBe('abcd1234 stays in gated, not done: its gates have not all passed');
    expect(moveMessage('abcd1234', 'ready', 'backlog', 'in_progress')).toBe('abcd1234 moved to in progress, asked: backlog');
  });
});
