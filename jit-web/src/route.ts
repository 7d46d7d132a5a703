// Hash-based deep links: they work behind any static file server without rewrite rules.
//   #/               dashboard
//   #/issues?state=ready&sort=-priority&q=text
//   #/issue/<id>
//   #/graph?focus=<id>&state=ready,done&label=epic

export type View = 'dashboard' | 'issues' | 'issue' | 'graph';

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
