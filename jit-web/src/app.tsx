import { lazy, Suspense } from 'preact/compat';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, getActor, getToken, setActor, setToken } from './api';
import { describeError, Modal, Notes, notify, READ_ONLY_HINT, runAction } from './components/common';
import { DependencyPicker } from './components/DependencyPicker';
import { LabelChips } from './components/LabelChips';
import { MarkdownEditor } from './components/MarkdownEditor';
import { SearchPalette } from './components/SearchPalette';
import { shortId } from './format';
import { activatesOnEnter, isPaletteShortcut, isTypingTarget, KeySequence, PALETTE_KEY, SHORTCUT_HELP, type Command } from './keys';
import { useLiveStatus } from './live';
import { formatRoute, issueHref, parseRoute, type Route } from './route';
import { useSession, useWritable } from './session';
import { applyThemePref, effectiveTheme, loadThemePref, nextThemePref, type ThemePref } from './theme';
import { PRIORITIES, type Issue, type Priority } from './types';
import { Board } from './views/Board';
import { Dashboard } from './views/Dashboard';
import { IssueDetailView } from './views/IssueDetail';
import { Issues } from './views/Issues';

// The graph (cytoscape) is the largest part of the bundle: load it only when it is opened.
const GraphView = lazy(() => import('./views/Graph'));

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
        {route.view === 'dashboard' ? <Dashboard />
          : route.view === 'issues' ? <Issues key={routeSeq} params={route.params} />
          : route.view === 'issue' ? <IssueDetailView id={route.id!} doc={route.params.doc} find={route.params.find} />
          : route.view === 'board' ? <Board key={routeSeq} params={route.params} />
          : (
            <Suspense fallback={<p class="muted">loading graph…</p>}>
              <GraphView params={route.params} />
            </Suspense>
          )}
      </main>
      <Notes />
      {dialog === 'token' ? <TokenDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'create' && writable ? <CreateDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'help' ? (
        <Modal title="Keyboard shortcuts" onClose={() => setDialog(null)}>
          <dl class="kv">{SHORTCUT_HELP.map(([k, v]) => [<dt key={k}><kbd>{k}</kbd></dt>, <dd key={`${k}d`}>{v}</dd>])}</dl>
        </Modal>
      ) : null}
      {palette ? <SearchPalette onClose={() => setPalette(false)} /> : null}
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
  const [labels, setLabels] = useState<string[]>([]);
  const [dependencies, setDependencies] = useState<Issue[]>([]);
  const [gates, setGates] = useState('');
  const submitting = useRef(false);
  return (
    <Modal title="New issue" onClose={onClose}>
      <form class="stack" onSubmit={async (e) => {
        e.preventDefault();
        if (submitting.current) return; // the button stays enabled (and focused) while the create runs
        submitting.current = true;
        let created = '';
        const ok = await runAction('issue created', async () => {
          created = (await api.createIssue({ title, description, priority, labels, gates: splitList(gates) })).id;
        });
        if (!ok) {
          submitting.current = false;
          return;
        }
        // The API creates an issue without dependencies; each is then added (and refused, say for an id
        // deleted meanwhile, in words) like on the issue page.
        const refused: string[] = [];
        for (const dep of dependencies) {
          await api.addDependency(created, dep.id).catch((err) => refused.push(`${dep.title}: ${describeError(err)}`));
        }
        if (refused.length) notify('error', `not every dependency was added: ${refused.join('; ')}`);
        onClose();
        location.hash = issueHref(created);
      }}>
        <label>title <input required value={title} onInput={(e) => setTitle(e.currentTarget.value)} /></label>
        <div class="field">
          <span class="field-label">description (markdown)</span>
          <MarkdownEditor label="description" value={description} onInput={setDescription} rows={5} />
        </div>
        <label>priority
          <select value={priority} onChange={(e) => setPriority(e.currentTarget.value as Priority)}>
            {PRIORITIES.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <div class="field">
          <span class="field-label">labels (namespace:value)</span>
          <LabelChips labels={labels} announce={false}
            onAdd={async (l) => setLabels((ls) => (ls.includes(l) ? ls : [...ls, l]))}
            onRemove={async (l) => setLabels((ls) => ls.filter((x) => x !== l))} />
        </div>
        <div class="field">
          <span class="field-label">depends on</span>
          {dependencies.length > 0 ? (
            <ul class="chip-list" aria-label="dependencies">
              {dependencies.map((d) => (
                <li key={d.id} class="label" data-dependency={d.id}>
                  <code>{shortId(d.id)}</code> {d.title}
                  <button type="button" class="chip-remove" aria-label={`remove dependency ${d.title}`}
                    onClick={() => setDependencies((ds) => ds.filter((x) => x.id !== d.id))}>×</button>
                </li>
              ))}
            </ul>
          ) : null}
          <DependencyPicker label="add dependency" exclude={dependencies.map((d) => d.id)} picked={null}
            onPick={async (d) => setDependencies((ds) => [...ds, d])} />
        </div>
        <label>gates (comma-separated keys) <input value={gates} onInput={(e) => setGates(e.currentTarget.value)} /></label>
        <div class="row"><button type="submit">create</button></div>
      </form>
    </Modal>
  );
}
