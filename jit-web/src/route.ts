// Hash-based deep links: they work behind any static file server without rewrite rules.
// Path links (/issues/<id>, /graph) reach index.html through the servers' SPA fallback and are turned
// into the hash route they name (hashForPath), so both forms can be shared.
//   #/               dashboard
//   #/issues?state=ready&sort=-priority&q=text
//   #/issue/<id>
//   #/board?label=epic:web      (the issues list's filters; `state` picks the columns)
//   #/graph?focus=<id>&state=ready,done&label=epic

export type View = 'dashboard' | 'issues' | 'issue' | 'board' | 'graph';

export interface Route {
  view: View;
  id?: string;
  params: Record<string, string>;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart, queryPart = ''] = raw.split('?', 2);
  const segments = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const params: Record<string, string> = {};
  new URLSearchParams(queryPart).forEach((value, key) => {
    if (value !== '') params[key] = value;
  });
  switch (segments[0]) {
    case 'issues':
      return { view: 'issues', params };
    case 'issue':
      return segments[1] ? { view: 'issue', id: segments[1], params } : { view: 'issues', params };
    case 'board':
      return { view: 'board', params };
    case 'graph':
      return { view: 'graph', params };
    default:
      return { view: 'dashboard', params };
  }
}

export function formatRoute(route: Route): string {
  const path =
    route.view === 'dashboard' ? '/'
    : route.view === 'issue' ? `/issue/${encodeURIComponent(route.id ?? '')}`
    : `/${route.view}`;
  const query = new URLSearchParams(
    Object.entries(route.params).filter(([, v]) => v !== undefined && v !== ''),
  ).toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

export function issueHref(id: string): string {
  return formatRoute({ view: 'issue', id, params: {} });
}

/**
 * The hash route a path deep link names ('/issues/<id>' and '/issue/<id>' → '#/issue/<id>', '/issues',
 * '/board', '/graph', with the query string kept), or null for '/' and paths that name no view.
 */
export function hashForPath(pathname: string, search: string): string | null {
  const segments = pathname.split('/').filter(Boolean);
  if (segments.length === 0 || segments.length > 2) return null;
  const [view, id] = segments;
  const query = search.replace(/^\?/, '');
  const params: Record<string, string> = {};
  new URLSearchParams(query).forEach((value, key) => {
    if (value !== '') params[key] = value;
  });
  if ((view === 'issues' || view === 'issue') && id) {
    try {
      return formatRoute({ view: 'issue', id: decodeURIComponent(id), params });
    } catch {
      return null; // a malformed %-escape: no route, the dashboard opens
    }
  }
  if (id) return null;
  if (view === 'issues' || view === 'board' || view === 'graph' || view === 'dashboard') return formatRoute({ view: view as View, params });
  return null;
}
