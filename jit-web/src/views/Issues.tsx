import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { BlockedBadge, ErrorLine, IssueLink, PriorityBadge, StateBadge, useCommand, useLoad } from '../components/common';
import { formatTime } from '../format';
import { STATE_LABELS } from '../graphModel';
import { markInteractive } from '../interactive';
import {
  apiQuery, sortDirection, tableQueryFromParams, tableQueryToParams, toggleSort, PAGE_SIZE, type TableQuery,
} from '../issueQuery';
import { useLiveRefresh } from '../live';
import { formatRoute, issueHref } from '../route';
import { PRIORITIES, STATES } from '../types';

/** `sort` is the server's sort key for the column, if it can sort by it. */
const COLUMNS: { label: string; sort?: string; cls?: string }[] = [
  { label: 'id' },
  { label: 'title', sort: 'title' },
  { label: 'state', sort: 'state' },
  { label: 'priority', sort: 'priority' },
  { label: 'assignee', cls: 'wide-only' },
  { label: 'labels', cls: 'wide-only' },
  { label: 'updated', sort: 'updated', cls: 'wide-only' },
];

export function Issues({ params }: { params: Record<string, string> }) {
  const [query, setQuery] = useState<TableQuery>(() => tableQueryFromParams(params));
  const [text, setText] = useState(query.q);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [selected, setSelected] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);

  // Links (dashboard counts, back/forward) change the params: take them over.
  const paramKey = JSON.stringify(params);
  useEffect(() => {
    const q = tableQueryFromParams(params);
    setQuery(q);
    setText(q.q);
  }, [paramKey]);

  // Instant search: the query follows the text box after a short pause.
  useEffect(() => {
    const t = window.setTimeout(() => setQuery((q) => (q.q === text ? q : { ...q, q: text })), 120);
    return () => window.clearTimeout(t);
  }, [text]);

  // Keep the address bar a deep link to what is shown, without adding history entries per keystroke.
  const queryKey = JSON.stringify(query);
  useEffect(() => {
    setCursors([null]);
    setSelected(0);
    const hash = formatRoute({ view: 'issues', params: tableQueryToParams(query) });
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }, [queryKey]);

  const cursor = cursors[cursors.length - 1];
  const page = useLoad((signal) => api.issues(apiQuery(query, cursor), signal), [queryKey, cursor]);
  useLiveRefresh(page.reload);
  useEffect(() => {
    if (page.data) markInteractive('issues');
  }, [page.data]);

  const rows = page.data?.issues ?? [];
  useCommand((c) => {
    if (c === 'search') searchRef.current?.focus();
    else if (c === 'next') setSelected((s) => Math.min(s + 1, rows.length - 1));
    else if (c === 'prev') setSelected((s) => Math.max(s - 1, 0));
    else if (c === 'open' && rows[selected]) location.hash = issueHref(rows[selected].id);
  });
  useEffect(() => {
    document.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const update = (patch: Partial<TableQuery>) => setQuery((q) => ({ ...q, ...patch }));
  const toggleIn = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const pageNo = cursors.length;
  const total = page.data?.total ?? 0;

  return (
    <div class="issues-view">
      <h1 class="sr-only">Issues</h1>
      <div class="filters" role="search">
        <input ref={searchRef} type="search" class="search" placeholder="Search issues…  ( / )" aria-label="search issues"
          value={text} onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && rows[0]) location.hash = issueHref(rows[selected]?.id ?? rows[0].id);
            if (e.key === 'ArrowDown') { e.preventDefault(); setSelected((s) => Math.min(s + 1, rows.length - 1)); }
            if (e.key === 'ArrowUp') { e.preventDefault(); setSelected((s) => Math.max(s - 1, 0)); }
          }} />
        <fieldset class="chips" aria-label="state filter">
          {STATES.map((s) => (
            <label key={s} class={`chip state-${s}${query.state.includes(s) ? ' on' : ''}`}>
              <input type="checkbox" checked={query.state.includes(s)} onChange={() => update({ state: toggleIn(query.state, s) })} />
              {STATE_LABELS[s]}
            </label>
          ))}
        </fieldset>
        <fieldset class="chips" aria-label="priority filter">
          {PRIORITIES.map((p) => (
            <label key={p} class={`chip${query.priority.includes(p) ? ' on' : ''}`}>
              <input type="checkbox" checked={query.priority.includes(p)} onChange={() => update({ priority: toggleIn(query.priority, p) })} />
              {p}
            </label>
          ))}
        </fieldset>
        <input class="small" placeholder="assignee (none)" aria-label="assignee filter" value={query.assignee}
          onChange={(e) => update({ assignee: e.currentTarget.value })} />
        <input class="small" placeholder="label (epic:*)" aria-label="label filter" value={query.label}
          onChange={(e) => update({ label: e.currentTarget.value })} />
        <select aria-label="blocked filter" value={query.blocked} onChange={(e) => update({ blocked: e.currentTarget.value as TableQuery['blocked'] })}>
          <option value="">blocked: any</option>
          <option value="true">blocked only</option>
          <option value="false">not blocked</option>
        </select>
      </div>

      <ErrorLine error={page.error} retry={page.reload} />
      <div class="table-meta">
        <span class="result-count">{page.data ? `${total} issue${total === 1 ? '' : 's'}` : 'loading…'}</span>
        {page.loading && page.data ? <span class="muted"> · updating…</span> : null}
        <span class="pager">
          <button disabled={pageNo === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>‹ prev</button>
          <span>page {pageNo} of {Math.max(1, Math.ceil(total / PAGE_SIZE))}</span>
          <button disabled={!page.data?.next_cursor}
            onClick={() => page.data?.next_cursor && setCursors((c) => [...c, page.data!.next_cursor])}>next ›</button>
        </span>
      </div>

      <table class="issues-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const dir = c.sort ? sortDirection(query.sort, c.sort) : null;
              return (
                <th key={c.label} class={c.cls} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}>
                  {c.sort ? (
                    <button class="sort" onClick={() => update({ sort: toggleSort(query.sort, c.sort!) })}>
                      {c.label}{dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}
                    </button>
                  ) : c.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((i, idx) => (
            <tr key={i.id} class={idx === selected ? 'selected' : ''} data-id={i.id}
              onClick={(e) => { if (!(e.target as HTMLElement).closest('a')) location.hash = issueHref(i.id); }}>
              <td><IssueLink id={i.id} /></td>
              <td class="title-cell">{i.title}{i.blocked ? <> <BlockedBadge /></> : null}</td>
              <td><StateBadge state={i.state} /></td>
              <td><PriorityBadge priority={i.priority} /></td>
              <td class="wide-only">{i.assignee ?? <span class="muted">—</span>}</td>
              <td class="wide-only labels-cell" title={i.labels.join(', ')}>{i.labels.map((l) => <span key={l} class="label">{l}</span>)}</td>
              <td class="wide-only nowrap">{formatTime(i.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.data && rows.length === 0 ? <p class="muted empty">no issue matches</p> : null}
    </div>
  );
}
