import { lazy, Suspense } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import { api, getActor, getToken, setActor, setToken } from './api';
import { Modal, Notes, runAction } from './components/common';
import { activatesOnEnter, isTypingTarget, KeySequence, SHORTCUT_HELP, type Command } from './keys';
import { useLiveStatus } from './live';
import { formatRoute, issueHref, parseRoute, type Route } from './route';
import { applyThemePref, effectiveTheme, loadThemePref, nextThemePref, type ThemePref } from './theme';
import { PRIORITIES, type Priority } from './types';
import { Dashboard } from './views/Dashboard';
import { IssueDetailView } from './views/IssueDetail';
import { Issues } from './views/Issues';

// The graph (cytoscape) is the largest part of the bundle: load it only when it is opened.
const GraphView = lazy(() => import('./views/Graph'));

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

type Dialog = 'token' | 'create' | 'help' | null;

export function App() {
  const route = useRoute();
  const live = useLiveStatus();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [hasToken, setHasToken] = useState(!!getToken());
  const [theme, setTheme] = useState<ThemePref>(loadThemePref);
  const [systemDark, setSystemDark] = useState(() => matchMedia('(prefers-color-scheme: dark)').matches);
  useEffect(() => {
    const media = matchMedia('(prefers-color-scheme: dark)');
    const on = () => setSystemDark(media.matches);
    media.addEventListener('change', on);
    return () => media.removeEventListener('change', on);
  }, []);

  // Load the graph's code once the browser is idle, so opening the graph later is instant.
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 2000));
    idle(() => void import('./views/Graph'));
  }, []);

  useEffect(() => {
    applyThemePref(theme);
    window.dispatchEvent(new Event('jit-theme'));
  }, [theme]);

  useEffect(() => {
    const seq = new KeySequence();
    const onKey = (e: KeyboardEvent) => {
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
        case 'go-graph': return go({ view: 'graph', params: {} });
        case 'new-issue': return setDialog('create');
        case 'help': return setDialog('help');
        case 'toggle-theme': return setTheme((t) => nextThemePref(t));
        case 'search': {
          const view = parseRoute(location.hash).view;
          if (view !== 'issues' && view !== 'graph') go({ view: 'issues', params: {} });
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
  const themeText = theme === 'system' ? `◐ auto (${shown})` : shown === 'dark' ? '☾ dark' : '☀ light';

  return (
    <>
      <header class="top">
        <a class="brand" href="#/">jit</a>
        <nav class="main-nav">
          {nav('dashboard', 'Dashboard', 'd')}
          {nav('issues', 'Issues', 'i')}
          {nav('graph', 'Graph', 'g')}
        </nav>
        <span class={`live live-${live}`} title="live updates from /api/events/stream">● {live}</span>
        <span class="spacer" />
        <button onClick={() => setDialog('create')} title="new issue (n)">+ New</button>
        <button class={hasToken ? 'token-on' : ''} onClick={() => setDialog('token')} title="API token for changes">
          {hasToken ? `token · ${getActor()}` : 'token'}
        </button>
        {/* the accessible name must contain the visible text (WCAG 2.5.3) */}
        <button onClick={() => setTheme(nextThemePref(theme))} title="theme: system → light → dark (t)" aria-label={`switch theme: ${themeText}`}>
          {themeText}
        </button>
        <button class="icon" onClick={() => setDialog('help')} title="keyboard shortcuts (?)" aria-label="keyboard shortcuts">?</button>
      </header>
      <main class={`view-${route.view}`}>
        {route.view === 'dashboard' ? <Dashboard />
          : route.view === 'issues' ? <Issues params={route.params} />
          : route.view === 'issue' ? <IssueDetailView id={route.id!} />
          : (
            <Suspense fallback={<p class="muted">loading graph…</p>}>
              <GraphView params={route.params} />
            </Suspense>
          )}
      </main>
      <Notes />
      {dialog === 'token' ? <TokenDialog onClose={() => { setDialog(null); setHasToken(!!getToken()); }} /> : null}
      {dialog === 'create' ? <CreateDialog onClose={() => setDialog(null)} /> : null}
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

const splitList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

function CreateDialog({ onClose }: { onClose: () => void }) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [labels, setLabels] = useState('');
  const [gates, setGates] = useState('');
  return (
    <Modal title="New issue" onClose={onClose}>
      <form class="stack" onSubmit={async (e) => {
        e.preventDefault();
        let created = '';
        const ok = await runAction('issue created', async () => {
          created = (await api.createIssue({ title, description, priority, labels: splitList(labels), gates: splitList(gates) })).id;
        });
        if (ok) {
          onClose();
          location.hash = issueHref(created);
        }
      }}>
        <label>title <input required value={title} onInput={(e) => setTitle(e.currentTarget.value)} /></label>
        <label>description (markdown) <textarea rows={5} value={description} onInput={(e) => setDescription(e.currentTarget.value)} /></label>
        <label>priority
          <select value={priority} onChange={(e) => setPriority(e.currentTarget.value as Priority)}>
            {PRIORITIES.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <label>labels (comma-separated, namespace:value) <input value={labels} onInput={(e) => setLabels(e.currentTarget.value)} /></label>
        <label>gates (comma-separated keys) <input value={gates} onInput={(e) => setGates(e.currentTarget.value)} /></label>
        <div class="row"><button type="submit">create</button></div>
      </form>
    </Modal>
  );
}
