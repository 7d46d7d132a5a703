import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { BlockedBadge, ErrorLine, IssueLink, PriorityBadge, StateBadge, useCommand, useLoad } from '../components/common';
import { formatTime } from '../format';
import { markInteractive } from '../interactive';
import { IssueFilters, useFilterQuery } from '../components/IssueFilters';
import { HitLine, MarkedText } from '../components/SearchHit';
import {
  apiQuery, isSearch, searchQuery, sortDirection, toggleSort, PAGE_SIZE, SEARCH_LIMIT, type TableQuery,
} from '../issueQuery';
import { useLiveRefresh } from '../live';
import { issueHref } from '../route';
import { hitHref, hitsByIssue, idMatches, mayBeIdPrefix, snippetParts } from '../searchModel';
import type { Issue, IssuePage, SearchHit, SearchResults } from '../types';

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

/** Matching lines shown under a row's title; the rest are counted. */
const HITS_PER_ROW = 3;

/** Issues an id prefix in the box names, at most (the list's own search found them by prefix before). */
const ID_MATCHES = 20;

/**
 * A page of the list, or (text in the box) the issues /api/search found, with their matching lines, after
 * those whose id starts with the text.
 */
type Listing =
  | { kind: 'page'; page: IssuePage }
  | { kind: 'search'; found: SearchResults; byId: Issue[] };

interface Row {
  issue: Issue;
  hits?: SearchHit[];
  /** The id prefix the issue was found by. */
  idPrefix?: string;
}

async function searchListing(query: TableQuery, signal: AbortSignal): Promise<Listing> {
  const q = query.q.trim();
  const [found, named] = await Promise.all([
    api.search(searchQuery(query), signal),
    // /api/issues' q matches id prefixes (and the list's filters): ask it only for text that may be one
    mayBeIdPrefix(q) ? api.issues(apiQuery(query, null, ID_MATCHES), signal) : null,
  ]);
  return { kind: 'search', found, byId: idMatches(named?.issues ?? [], q) };
}

function rowsOf(listing: Listing | null, q: string): Row[] {
  if (!listing) return [];
  if (listing.kind === 'page') return listing.page.issues.map((issue) => ({ issue }));
  const byText = hitsByIssue(listing.found);
  const byId = listing.byId.filter((i) => !byText.some((r) => r.issue.id === i.id));
  return [...byId.map((issue) => ({ issue, hits: [], idPrefix: q.trim() })), ...byText];
}

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
  const searching = isSearch(query);
  const page = useLoad<Listing>(async (signal) => (searching
    ? searchListing(query, signal)
    : { kind: 'page', page: await api.issues(apiQuery(query, cursor), signal) }), [queryKey, cursor]);
  useLiveRefresh(page.reload);
  useEffect(() => {
    if (page.data) markInteractive('issues');
  }, [page.data]);

  const rows = rowsOf(page.data, query.q);
  const open = (idx: number) => rows[idx] && (location.hash = issueHref(rows[idx].issue.id));
  useCommand((c) => {
    if (c === 'search') searchRef.current?.focus();
    else if (c === 'next') setSelected((s) => Math.min(s + 1, rows.length - 1));
    else if (c === 'prev') setSelected((s) => Math.max(s - 1, 0));
    else if (c === 'open') open(selected);
  });
  useEffect(() => {
    document.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const pageNo = cursors.length;

  return (
    <div class="issues-view">
      <h1 class="sr-only">Issues</h1>
      <IssueFilters view="issues" filters={filters} searchRef={searchRef}
        searchLabel="search issues and linked documents" searchPlaceholder="Search issues and documents…  ( / )"
        onSearchKeyDown={(e) => {
          if (e.key === 'Enter') open(rows[selected] ? selected : 0);
          if (e.key === 'ArrowDown') { e.preventDefault(); setSelected((s) => Math.min(s + 1, rows.length - 1)); }
          if (e.key === 'ArrowUp') { e.preventDefault(); setSelected((s) => Math.max(s - 1, 0)); }
        }} />

      <ErrorLine error={page.error} retry={page.reload} />
      <div class="table-meta">
        <ResultCount listing={page.data} issues={rows.length} />
        {page.loading && page.data ? <span class="muted"> · updating…</span> : null}
        {page.data?.kind === 'page' ? (
          <Pager page={page.data.page} pageNo={pageNo} back={() => setCursors((c) => c.slice(0, -1))}
            next={(cursor) => setCursors((c) => [...c, cursor])} />
        ) : null}
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
          {rows.map(({ issue: i, hits, idPrefix }, idx) => (
            <tr key={i.id} class={idx === selected ? 'selected' : ''} data-id={i.id}
              onClick={(e) => { if (!(e.target as HTMLElement).closest('a')) location.hash = issueHref(i.id); }}>
              <td><IssueLink id={i.id} /></td>
              <td class="title-cell">
                {i.title}{i.blocked ? <> <BlockedBadge /></> : null}
                {idPrefix ? <IdHit id={i.id} prefix={idPrefix} /> : null}
                {hits?.length ? <RowHits issueId={i.id} hits={hits} /> : null}
              </td>
              <td><StateBadge state={i.state} /></td>
              <td><PriorityBadge priority={i.priority} /></td>
              <td class="wide-only">{i.assignee ?? <span class="muted">—</span>}</td>
              <td class="wide-only labels-cell" title={i.labels.join(', ')}>{i.labels.map((l) => <span key={l} class="label">{l}</span>)}</td>
              <td class="wide-only nowrap">{formatTime(i.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.data && rows.length === 0 ? (
        <p class="muted empty" role="status">
          {searching ? `nothing matches “${query.q.trim()}” in issues or linked documents` : 'no issue matches'}
        </p>
      ) : null}
    </div>
  );
}

function ResultCount({ listing, issues }: { listing: Listing | null; issues: number }) {
  if (!listing) return <span class="result-count">loading…</span>;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (listing.kind === 'page') return <span class="result-count">{plural(listing.page.total, 'issue')}</span>;
  const { found } = listing;
  return (
    <span class="result-count">
      {plural(issues, 'issue')}
      <span class="muted"> · {plural(found.total, 'matching line')}
        {found.total > found.results.length ? ` (the issues of the first ${SEARCH_LIMIT} shown: refine the search)` : ''}
      </span>
    </span>
  );
}

function Pager({ page, pageNo, back, next }: {
  page: IssuePage; pageNo: number; back: () => void; next: (cursor: string) => void;
}) {
  return (
    <span class="pager">
      <button disabled={pageNo === 1} onClick={back}>‹ prev</button>
      <span>page {pageNo} of {Math.max(1, Math.ceil(page.total / PAGE_SIZE))}</span>
      <button disabled={!page.next_cursor} onClick={() => page.next_cursor && next(page.next_cursor)}>next ›</button>
    </span>
  );
}

/** A row found by its id prefix: the id with the prefix marked. */
function IdHit({ id, prefix }: { id: string; prefix: string }) {
  return (
    <div class="hit">
      <span class="hit-where">id</span>
      <code class="snippet"><MarkedText parts={snippetParts(id, [{ start: 0, end: prefix.length }])} /></code>
    </div>
  );
}

/** A search result row's matching lines: where each matched (a link to it) and the snippet. */
function RowHits({ issueId, hits }: { issueId: string; hits: SearchHit[] }) {
  const more = hits.length - HITS_PER_ROW;
  return (
    <div class="row-hits">
      {hits.slice(0, HITS_PER_ROW).map((h, i) => <HitLine key={i} hit={h} href={hitHref(h, issueId)} />)}
      {more > 0 ? <div class="muted">+{more} more matching line{more === 1 ? '' : 's'}</div> : null}
    </div>
  );
}
