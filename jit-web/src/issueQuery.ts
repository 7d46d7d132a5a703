// The issues table's state <-> the route's params <-> the API's query string.

export interface TableQuery {
  state: string[];
  priority: string[];
  assignee: string;
  label: string;
  blocked: '' | 'true' | 'false';
  q: string;
  /** A field name, `-` in front for descending. */
  sort: string;
}

/** jit-server sorts by created, updated, priority, state or title; `-` in front for descending. */
export const DEFAULT_SORT = '-updated';
export const PAGE_SIZE = 50;

const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

export function tableQueryFromParams(p: Record<string, string>): TableQuery {
  const blocked = p.blocked === 'true' || p.blocked === 'false' ? p.blocked : '';
  return {
    state: list(p.state),
    priority: list(p.priority),
    assignee: p.assignee ?? '',
    label: p.label ?? '',
    blocked,
    q: p.q ?? '',
    sort: p.sort || DEFAULT_SORT,
  };
}

export function tableQueryToParams(t: TableQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (t.state.length) out.state = t.state.join(',');
  if (t.priority.length) out.priority = t.priority.join(',');
  if (t.assignee.trim()) out.assignee = t.assignee.trim();
  if (t.label.trim()) out.label = t.label.trim();
  if (t.blocked) out.blocked = t.blocked;
  if (t.q.trim()) out.q = t.q.trim();
  if (t.sort !== DEFAULT_SORT) out.sort = t.sort;
  return out;
}

/** Query string for GET /api/issues: filters, sort, page size and the page's cursor. */
export function apiQuery(t: TableQuery, cursor: string | null, limit = PAGE_SIZE): string {
  const p = new URLSearchParams({ ...tableQueryToParams(t), sort: t.sort, limit: String(limit) });
  if (cursor) p.set('cursor', cursor);
  return p.toString();
}

/**
 * Matching lines the list asks GET /api/search for. The search has no cursor: the list shows the issues of
 * the first SEARCH_LIMIT lines and says when there were more.
 */
export const SEARCH_LIMIT = 200;

/** A non-empty text box makes the list a search: the list's filters narrow it and its sort orders the issues. */
export function isSearch(t: TableQuery): boolean {
  return t.q.trim() !== '';
}

/** Query string for GET /api/search: the text, the list's filters and sort, the limit. */
export function searchQuery(t: TableQuery, limit = SEARCH_LIMIT): string {
  return apiQuery(t, null, limit); // the same parameters as the list's: /api/search takes its filters and sort
}

/** Query string for the palette's GET /api/search: just the text, over every issue. */
export function paletteQuery(text: string, limit: number): string {
  return new URLSearchParams({ q: text.trim(), limit: String(limit) }).toString();
}

/** Clicking a column header: first ascending, then descending, for a new column ascending again. */
export function toggleSort(current: string, field: string): string {
  if (current === field) return `-${field}`;
  return field;
}

export function sortDirection(current: string, field: string): 'asc' | 'desc' | null {
  if (current === field) return 'asc';
  if (current === `-${field}`) return 'desc';
  return null;
}
