import { lazy, Suspense } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import { getActor, getToken, setActor, setToken } from './api';
import { Modal, Notes, READ_ONLY_HINT } from './components/common';
import { activatesOnEnter, isPaletteShortcut, isTypingTarget, KeySequence, PALETTE_KEY, SHORTCUT_HELP, type Command } from './keys';
import { whenInteractive } from './interactive';
import { useLiveStatus } from './live';
import { formatRoute, parseRoute, type Route } from './route';
import { useSession, useWritable } from './session';
import { applyThemePref, effectiveTheme, loadThemePref, nextThemePref, type ThemePref } from './theme';
import { Dashboard } from './views/Dashboard';
import { Issues } from './views/Issues';

// The graph (cytoscape) is the largest part of the bundle: load it only when it is opened. The board, the
// issue page with its editors, the new-issue dialog and the search palette load the same way, so the first
// page (the dashboard or the list, which agents' leads open most) parses only what it shows; all of them
// are fetched once the browser is idle, so opening one later does not wait.
const GraphView = lazy(() => import('./views/Graph'));
const loadBoard = () => import('./views/Board');
const loadIssue = () => import('./views/IssueDetail');
const loadCreate = () => import('./components/CreateDialog');
const loadPalette = () => import('./components/SearchPalette');
const BoardView = lazy(() => loadBoard().then((m) => ({ default: m.Board })));
const IssueDetailView = lazy(() => loadIssue().then((m) => ({ default: m.IssueDetailView })));
const CreateDialog = lazy(loadCreate);
const SearchPalette = lazy(() => loadPalette().then((m) => ({ default: m.SearchPalette })));

/**
 * The route, and a number that grows with every navigation: views that write their state into the address
 * with replaceState (no hashchange) are started afresh when a link names their view again (the nav's
 * "Issues" then resets the filters even though the route looks the same as at the last hashchange).
 */
function useRoute(): [Route, number] {
  const [route, setRoute] = useState(() => ({ route: parseRoute(location.hash), seq: 0 }));
  useEffect(() => {
    const on = () => setRoute((r) => ({ route: parseRoute(location.hash), seq: r.seq + 1 }));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [route.route, route.seq];
}

type Dialog = 'token' | 'create' | 'help' | null;

export function App() {
  const [route, routeSeq] = useRoute();
  const live = useLiveStatus();
  const [dialog, setDialog] = useState<Dialog>(null);
  const { actor, hasToken } = useSession();
  const writable = useWritable();
  // Not one of the dialogs: it may open over one (from a field in it) and hands focus back to it.
  const [palette, setPalette] = useState(false);
  const [theme, setTheme] = useState<ThemePref>(loadThemePref);
  const [systemDark, setSystemDark] = useState(() => matchMedia('(prefers-color-scheme: dark)').matches);
  useEffect(() => {
    const media = matchMedia('(prefers-color-scheme: dark)');
    const on = () => setSystemDark(media.matches);
    media.addEventListener('change', on);
    return () => media.removeEventListener('change', on);
  }, []);

  // Load the other views' code once the first view is interactive and the browser is idle (not while the
  // first view still waits for its data: parsing the graph's code then would delay it), so opening one
  // later is instant.
  useEffect(() => whenInteractive(() => {
    const idle = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 200));
    idle(() => [() => import('./views/Graph'), loadIssue, loadBoard, loadCreate, loadPalette].forEach((load) => void load()));
  }), []);

  useEffect(() => {
    applyThemePref(theme);
    window.dispatchEvent(new Event('jit-theme'));
  }, [theme]);

  useEffect(() => {
    const seq = new KeySequence();
    const onKey = (e: KeyboardEvent) => {
      if (isPaletteShortcut(e)) {
        e.preventDefault();
        setPalette((open) => !open);
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTypingTarget(e.target) && e.key !== 'Escape') return;
      if (e.key === 'Enter' && activatesOnEnter(e.target)) return;
      if (document.querySelector('.overlay') && e.key !== 'Escape') return;
      const cmd = seq.feed(e.key);
      if (!cmd) return;
      if (cmd !== 'escape' || !document.querySelector('.overlay')) e.preventDefault();
      handle(cmd);
    };
    const handle = (cmd: Command) => {
      const go = (r: Route) => (location.hash = formatRoute(r));
      switch (cmd) {
        case 'go-dashboard': return go({ view: 'dashboard', params: {} });
        case 'go-issues': return go({ view: 'issues', params: {} });
        case 'go-board': return go({ view: 'board', params: {} });
        case 'go-graph': return go({ view: 'graph', params: {} });
        case 'new-issue': return setDialog((d) => d ?? 'create');
        case 'help': return setDialog('help');
        case 'toggle-theme': return setTheme((t) => nextThemePref(t));
        case 'search': {
          const view = parseRoute(location.hash).view;
          if (view !== 'issues' && view !== 'board' && view !== 'graph') go({ view: 'issues', params: {} });
          // after the view has rendered
          return window.setTimeout(() => window.dispatchEvent(new CustomEvent('jit-command', { detail: cmd })), 0);
        }
        default:
          window.dispatchEvent(new CustomEvent('jit-command', { detail: cmd }));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const nav = (view: Route['view'], label: string, key: string) => (
    <a href={formatRoute({ view, params: {} })} class={route.view === view || (view === 'issues' && route.view === 'issue') ? 'on' : ''}
      title={`${label} (g ${key})`}>{label}</a>
  );
  const shown = effectiveTheme(theme, systemDark);
  const themeLabel = theme === 'system' ? `◐ auto (${shown})` : shown === 'dark' ? '☾ dark' : '☀ light';

  return (
    <>
      <header class="top">
        <a class="brand" href="#/">jit</a>
        <nav class="main-nav">
          {nav('dashboard', 'Dashboard', 'd')}
          {nav('issues', 'Issues', 'i')}
          {nav('board', 'Board', 'b')}
          {nav('graph', 'Graph', 'g')}
        </nav>
        <span class={`live live-${live}`} role="status" title="live updates from /api/events/stream">● {live}</span>
        <span class="spacer" />
        <button class="palette-open" onClick={() => setPalette(true)} title="search issues and documents (Ctrl-K / ⌘K)">
          search <kbd>{PALETTE_KEY}</kbd>
        </button>
        {writable ? (
          <>
            <button onClick={() => setDialog('create')} title="new issue (n)">+ New</button>
            <button class={hasToken ? 'token-on' : ''} onClick={() => setDialog('token')} title="API token and your name for changes">
              {hasToken ? `token · ${actor}` : 'token'}
            </button>
          </>
        ) : <span class="read-only" title={READ_ONLY_HINT}>read-only server</span>}
        <button class="theme-toggle" onClick={() => setTheme(nextThemePref(theme))} title="theme: system → light → dark (t)">
          theme: {themeLabel}
        </button>
        <button class="icon" onClick={() => setDialog('help')} title="keyboard shortcuts (?)" aria-label="keyboard shortcuts">?</button>
      </header>
      <main class={`view-${route.view}`}>
        <Suspense fallback={<p class="muted">loading…</p>}>
          {route.view === 'dashboard' ? <Dashboard />
            : route.view === 'issues' ? <Issues key={routeSeq} params={route.params} />
            : route.view === 'issue' ? <IssueDetailView id={route.id!} doc={route.params.doc} find={route.params.find} />
            : route.view === 'board' ? <BoardView key={routeSeq} params={route.params} />
            : <GraphView params={route.params} />}
        </Suspense>
      </main>
      <Notes />
      {dialog === 'token' ? <TokenDialog onClose={() => setDialog(null)} /> : null}
      <Suspense fallback={null}>
        {dialog === 'create' && writable ? <CreateDialog onClose={() => setDialog(null)} /> : null}
        {palette ? <SearchPalette onClose={() => setPalette(false)} /> : null}
      </Suspense>
      {dialog === 'help' ? (
        <Modal title="Keyboard shortcuts" onClose={() => setDialog(null)}>
          <dl class="kv">{SHORTCUT_HELP.map(([k, v]) => [<dt key={k}><kbd>{k}</kbd></dt>, <dd key={`${k}d`}>{v}</dd>])}</dl>
        </Modal>
      ) : null}
    </>
  );
}

function TokenDialog({ onClose }: { onClose: () => void }) {
  const [token, setTokenText] = useState(getToken());
  const [actor, setActorText] = useState(getActor());
  return (
    <Modal title="API token" onClose={onClose}>
      <form class="stack" onSubmit={(e) => { e.preventDefault(); setToken(token.trim()); setActor(actor.trim()); onClose(); }}>
        <p class="muted">Changes need the server's API token. It is kept in this tab's session storage only.</p>
        <label>token <input type="password" autoComplete="off" value={token} onInput={(e) => setTokenText(e.currentTarget.value)} /></label>
        <label>your name (assignee, gate “by”) <input value={actor} onInput={(e) => setActorText(e.currentTarget.value)} /></label>
        <div class="row">
          <button type="submit">save</button>
          <button type="button" onClick={() => { setToken(''); onClose(); }}>forget token</button>
        </div>
      </form>
    </Modal>
  );
}
