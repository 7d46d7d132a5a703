// The filters the issues list and the board share: the same controls and the same URL parameters, so a
// filtered list opens as the same board and back (the "board" / "list" link keeps them).
import type { Ref } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { STATE_LABELS } from '../graphModel';
import { tableQueryFromParams, tableQueryToParams, type TableQuery } from '../issueQuery';
import { formatRoute, type View } from '../route';
import { PRIORITIES, STATES } from '../types';

export type FilteredView = Extract<View, 'issues' | 'board'>;

export interface FilterQuery {
  query: TableQuery;
  /** JSON of the query: a dependency that changes exactly when the query does. */
  queryKey: string;
  update: (patch: Partial<TableQuery>) => void;
  /** The search box's text; the query's `q` follows it after a short pause. */
  text: string;
  setText: (text: string) => void;
}

/** The filters of `view` from the route's params, kept in the address bar as they change. */
export function useFilterQuery(view: FilteredView, params: Record<string, string>): FilterQuery {
  const [query, setQuery] = useState<TableQuery>(() => tableQueryFromParams(params));
  const [text, setText] = useState(query.q);

  // Links (dashboard counts, back/forward) change the params: take them over.
  const paramKey = JSON.stringify(params);
  useEffect(() => {
    const q = tableQueryFromParams(params);
    setQuery(q);
    setText(q.q);
  }, [paramKey]);

  // Instant search: the query follows the text box after a short pause (a stale request is aborted by useLoad).
  useEffect(() => {
    const t = window.setTimeout(() => setQuery((q) => (q.q === text ? q : { ...q, q: text })), 200);
    return () => window.clearTimeout(t);
  }, [text]);

  // Keep the address bar a deep link to what is shown, without adding history entries per keystroke.
  const queryKey = JSON.stringify(query);
  useEffect(() => {
    const hash = formatRoute({ view, params: tableQueryToParams(query) });
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }, [queryKey]);

  const update = (patch: Partial<TableQuery>) => setQuery((q) => ({ ...q, ...patch }));
  return { query, queryKey, update, text, setText };
}

const toggleIn = (list: readonly string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

export function IssueFilters(props: {
  view: FilteredView;
  filters: FilterQuery;
  searchRef?: Ref<HTMLInputElement>;
  onSearchKeyDown?: (e: KeyboardEvent) => void;
  /** What the search box searches (the list's reaches linked documents, the board's only issues). */
  searchLabel?: string;
  searchPlaceholder?: string;
  /** The states whose chips are on, when that is not the state filter itself (the board's columns). */
  activeStates?: readonly string[];
}) {
  const { query, update, text, setText } = props.filters;
  const activeStates = props.activeStates ?? query.state;
  const other: FilteredView = props.view === 'board' ? 'issues' : 'board';
  return (
    <div class="filters" role="search">
      <input ref={props.searchRef} type="search" class="search" placeholder={props.searchPlaceholder ?? 'Search issues…  ( / )'}
        aria-label={props.searchLabel ?? 'search issues'}
        value={text} onInput={(e) => setText(e.currentTarget.value)} onKeyDown={props.onSearchKeyDown} />
      <fieldset class="chips" aria-label="state filter">
        {STATES.map((s) => (
          <label key={s} class={`chip state-${s}${activeStates.includes(s) ? ' on' : ''}`}>
            <input type="checkbox" checked={activeStates.includes(s)} onChange={() => update({ state: toggleIn(activeStates, s) })} />
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
      <a class="view-switch" href={formatRoute({ view: other, params: tableQueryToParams(query) })}
        title={`the same filters as a ${other === 'board' ? 'board' : 'list'}`}>
        {other === 'board' ? 'as board' : 'as list'}
      </a>
    </div>
  );
}
