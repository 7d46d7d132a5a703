import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { useCardDrag } from '../boardDrag';
import { neighbourCard, useFocusFollowsCard } from '../boardFocus';
import {
  columnSort, moveMessage, neighbourColumn, placeCards, stateFilterFor, visibleColumns, COLUMN_LIMIT, type Move,
} from '../boardModel';
import { BoardColumn } from '../components/BoardColumn';
import { describeError, ErrorLine, notify, READ_ONLY_HINT, useCommand, useLoad } from '../components/common';
import { IssueFilters, useFilterQuery } from '../components/IssueFilters';
import { latestClaims } from '../dashboardModel';
import { shortId } from '../format';
import { markInteractive } from '../interactive';
import { apiQuery, type TableQuery } from '../issueQuery';
import { useLiveRefresh } from '../live';
import { useWritable } from '../session';
import type { Issue, State } from '../types';

/** The server's largest page: "show all" pages through a column this many cards at a time. */
const MAX_PAGE = 1000;

interface ColumnPage {
  issues: Issue[];
  total: number;
}

/** One column's cards: its first COLUMN_LIMIT in the column's order, or all of them. */
async function fetchColumn(query: TableQuery, state: State, all: boolean, signal: AbortSignal): Promise<ColumnPage> {
  const q = { ...query, state: [state], sort: columnSort(state) };
  let page = await api.issues(apiQuery(q, null, all ? MAX_PAGE : COLUMN_LIMIT), signal);
  const issues = [...page.issues];
  while (all && page.next_cursor) {
    page = await api.issues(apiQuery(q, page.next_cursor, MAX_PAGE), signal);
    issues.push(...page.issues);
  }
  return { issues, total: page.total };
}

export function Board({ params }: { params: Record<string, string> }) {
  const listFilters = useFilterQuery('board', params);
  const { query, queryKey } = listFilters;
  // The state chips pick the columns; the default columns are kept as no state filter (a plain URL).
  const filters = {
    ...listFilters,
    update: (patch: Partial<TableQuery>) =>
      listFilters.update(patch.state ? { ...patch, state: stateFilterFor(patch.state) } : patch),
  };
  const columns = visibleColumns(query.state);
  const [expanded, setExpanded] = useState<ReadonlySet<State>>(new Set());
  const loads = useRef(0);
  const load = useLoad(async (signal) => {
    const loadNumber = ++loads.current;
    const [pages, claimEvents] = await Promise.all([
      Promise.all(columns.map((s) => fetchColumn(query, s, expanded.has(s), signal))),
      // Claims without a lease are timed by their event (the assignee alone does not say since when).
      api.events('type=issue_claimed,issue_assigned&limit=1000', signal).then((r) => r.events, () => []),
    ]);
    const byState: Partial<Record<State, ColumnPage>> = {};
    columns.forEach((s, i) => (byState[s] = pages[i]));
    return { loadNumber, pages: byState, claims: latestClaims(claimEvents) };
  }, [queryKey, [...expanded].join()]);
  useLiveRefresh(load.reload);

  const [moves, setMoves] = useState<Record<string, Move>>({});
  const writable = useWritable();
  const board = load.data ? placeCards(load.data.pages, moves, load.data.loadNumber) : {};
  const issueIn = (state: State, id: string) => board[state]?.cards.find((i) => i.id === id);

  const move = async (issue: Issue, to: State) => {
    if (moves[issue.id]?.pending) return;
    if (!writable) {
      // a server without a token would refuse it: say what it needs instead of asking
      notify('error', `read-only server: ${READ_ONLY_HINT}`);
      return;
    }
    setMoves((m) => ({ ...m, [issue.id]: { issue, to, pending: true, settledAt: 0 } }));
    let answer: Issue | null = null;
    try {
      answer = await api.updateIssue(issue.id, { state: to });
      // accepted, but not always as asked: a move that left the issue where it was is reported as a refusal
      notify(answer.state === issue.state ? 'error' : 'ok', moveMessage(shortId(issue.id), issue.state, to, answer.state));
    } catch (e) {
      notify('error', describeError(e));
    }
    // Refused: the card snaps back to where the loaded data has it. Accepted: it shows where the API put it
    // (not always the column asked for) until a load started after the answer has it there.
    const reached: Issue | null = answer;
    setMoves(({ [issue.id]: _, ...others }) =>
      reached ? { ...others, [issue.id]: { issue: reached, to: reached.state, pending: false, settledAt: loads.current } } : others);
    const into = reached ? board[reached.state] : undefined;
    if (reached && into && into.cards.length < into.total) {
      // a column that shows only its first cards might not include the moved one: show it all
      setExpanded((x) => new Set([...x, reached.state]));
    } else {
      load.reload();
    }
  };

  useEffect(() => {
    if (!load.data) return;
    markInteractive('board');
    const current = load.data.loadNumber;
    setMoves((m) => {
      const stale = Object.values(m).filter((x) => !x.pending && x.settledAt < current);
      if (stale.length === 0) return m;
      const kept = { ...m };
      stale.forEach((x) => delete kept[x.issue.id]);
      return kept;
    });
  }, [load.data]);

  const boardRef = useRef<HTMLDivElement>(null);
  const activeId = useFocusFollowsCard(boardRef);

  useCardDrag(boardRef, (id, from, to) => {
    const issue = issueIn(from, id);
    if (issue) void move(issue, to);
  });

  const searchRef = useRef<HTMLInputElement>(null);
  const focusedCard = () => (document.activeElement as HTMLElement | null)?.closest?.<HTMLElement>('[data-card-id]') ?? null;
  const tabbableCard = () => boardRef.current?.querySelector<HTMLElement>('[data-card-id][tabindex="0"]') ?? null;
  useCommand((c) => {
    const card = focusedCard();
    if (c === 'search') searchRef.current?.focus();
    else if (c === 'next' || c === 'prev') (card ? neighbourCard(card, c === 'next' ? 'ArrowDown' : 'ArrowUp') : tabbableCard())?.focus();
  });

  const onKeyDown = (e: KeyboardEvent) => {
    const card = (e.target as HTMLElement).closest<HTMLElement>('[data-card-id]');
    if (!card || e.altKey || e.ctrlKey || e.metaKey) return;
    const from = card.closest<HTMLElement>('[data-column]')!.dataset.column as State;
    const step = moveStep(e);
    if (step) {
      e.preventDefault();
      const to = neighbourColumn(columns, from, step);
      const issue = issueIn(from, card.dataset.cardId!);
      if (to && issue) void move(issue, to);
      return;
    }
    if (e.shiftKey) return;
    const next = neighbourCard(card, e.key);
    if (next !== undefined) {
      e.preventDefault();
      next?.focus();
    }
  };

  const shown = columns.reduce((n, s) => n + (board[s]?.total ?? 0), 0);
  const tabbableId = activeId && columns.some((s) => issueIn(s, activeId)) ? activeId
    : columns.map((s) => board[s]?.cards[0]?.id).find(Boolean) ?? null;
  const now = useNow();
  const pendingIds = new Set(Object.values(moves).filter((m) => m.pending).map((m) => m.issue.id));

  return (
    <div class="board-view">
      <div class="board-head">
        <h1>Board</h1>
        <span class="muted result-count">{load.data ? `${shown} issue${shown === 1 ? '' : 's'}` : 'loading…'}</span>
        <p class="muted board-hint" id="board-keys">
          Drag a card to another column, or focus it and press <kbd>Shift</kbd>+<kbd>←</kbd>/<kbd>→</kbd>
          (or <kbd>[</kbd>/<kbd>]</kbd>); arrows move between cards. Archived and rejected: their state chips.
        </p>
      </div>
      <IssueFilters view="board" filters={filters} searchRef={searchRef} activeStates={columns}
        onSearchKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); tabbableCard()?.focus(); }
        }} />
      <ErrorLine error={load.error} retry={load.reload} />
      <div class="board" ref={boardRef} onKeyDown={onKeyDown}>
        {columns.map((state) => (
          <BoardColumn key={state} state={state} cards={board[state]?.cards ?? null} total={board[state]?.total ?? 0}
            claims={load.data?.claims} now={now} pendingIds={pendingIds} tabbableId={tabbableId}
            onShowAll={() => setExpanded((x) => new Set([...x, state]))} />
        ))}
      </div>
    </div>
  );
}

/**
 * The column a key moves the focused card by: Shift+←/→, or [ and ] (for screen readers that keep
 * Shift+arrows to select text).
 */
function moveStep(e: KeyboardEvent): -1 | 1 | null {
  if (e.key === '[' || (e.shiftKey && e.key === 'ArrowLeft')) return -1;
  if (e.key === ']' || (e.shiftKey && e.key === 'ArrowRight')) return 1;
  return null;
}

/** The time, updated every half minute (cards say how long they have been held). */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 30000);
    return () => window.clearInterval(t);
  }, []);
  return now;
}

