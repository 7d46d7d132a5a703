import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { BlockedBadge, ErrorLine, IssueLink, PriorityBadge, StateBadge, useCommand, useLoad } from '../components/common';
import { formatTime } from '../format';
import { markInteractive } from '../interactive';
import { IssueFilters, useFilterQuery } from '../components/IssueFilters';
import { apiQuery, sortDirection, toggleSort, PAGE_SIZE } from '../issueQuery';
import { useLiveRefresh } from '../live';
import { issueHref } from '../route';

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
  const filters = useFilterQuery('issues', params);
  const { query, queryKey, update } = filters;
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [selected, setSelected] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setCursors([null]);
    setSelected(0);
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

  const pageNo = cursors.length;
  const total = page.data?.total ?? 0;

  return (
    <div class="issues-view">
      <IssueFilters view="issues" filters={filters} searchRef={searchRef}
        onSearchKeyDown={(e) => {
          if (e.key === 'Enter' && rows[0]) location.hash = issueHref(rows[selected]?.id ?? rows[0].id);
          if (e.key === 'ArrowDown') { e.preventDefault(); setSelected((s) => Math.min(s + 1, rows.length - 1)); }
          if (e.key === 'ArrowUp') { e.preventDefault(); setSelected((s) => Math.max(s - 1, 0)); }
        }} />

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
              <td class="wide-only labels-cell">{i.labels.map((l) => <span key={l} class="label">{l}</span>)}</td>
              <td class="wide-only nowrap">{formatTime(i.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.data && rows.length === 0 ? <p class="muted empty">no issue matches</p> : null}
    </div>
  );
}
