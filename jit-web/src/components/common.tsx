import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import type { Command } from '../keys';
import { issueHref } from '../route';
import { STATE_LABELS } from '../graphModel';
import type { Priority, State } from '../types';
import { shortId } from '../format';

// ---- loading data -------------------------------------------------------------------------------

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** Runs `fetcher` when `deps` change and on reload(); keeps the previous data while reloading. */
export function useLoad<T>(fetcher: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    fetcher(ctrl.signal).then(
      (d) => {
        if (ctrl.signal.aborted) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: Error) => {
        if (ctrl.signal.aborted || e.name === 'AbortError') return;
        setError(e instanceof ApiError ? `${e.code}: ${e.message}` : e.message);
        setLoading(false);
      },
    );
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

// ---- messages -----------------------------------------------------------------------------------

export interface Note {
  id: number;
  kind: 'error' | 'ok';
  text: string;
}

let noteSeq = 0;
const noteListeners = new Set<(n: Note) => void>();

export function notify(kind: Note['kind'], text: string) {
  const note = { id: ++noteSeq, kind, text };
  noteListeners.forEach((l) => l(note));
}

/** Describes an API failure for a person: code, message and, for auth failures, what to do. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError) {
    const hint = e.status === 401 || e.status === 403 ? ' — set an API token (token button, top right) to make changes' : '';
    return `${e.code}: ${e.message}${hint}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/** Runs a write; reports success or the API's error. Returns whether it succeeded. */
export async function runAction(done: string, action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action();
    notify('ok', done);
    return true;
  } catch (e) {
    notify('error', describeError(e));
    return false;
  }
}

export function Notes() {
  const [notes, setNotes] = useState<Note[]>([]);
  useEffect(() => {
    const l = (n: Note) => {
      setNotes((ns) => [...ns.slice(-3), n]);
      window.setTimeout(() => setNotes((ns) => ns.filter((x) => x.id !== n.id)), n.kind === 'error' ? 10000 : 3000);
    };
    noteListeners.add(l);
    return () => void noteListeners.delete(l);
  }, []);
  return (
    <div class="notes" aria-live="polite">
      {notes.map((n) => (
        <div key={n.id} class={`note note-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button class="icon" aria-label="dismiss" onClick={() => setNotes((ns) => ns.filter((x) => x.id !== n.id))}>×</button>
        </div>
      ))}
    </div>
  );
}

// ---- keyboard commands --------------------------------------------------------------------------

/** Views receive keyboard commands that the app does not handle itself. */
export function useCommand(handler: (c: Command) => void) {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const l = (e: Event) => latest.current((e as CustomEvent<Command>).detail);
    window.addEventListener('jit-command', l);
    return () => window.removeEventListener('jit-command', l);
  }, []);
}

// ---- small pieces -------------------------------------------------------------------------------

export function StateBadge({ state }: { state: State | string }) {
  return <span class={`badge state-${state}`}>{STATE_LABELS[state as State] ?? state}</span>;
}

export function PriorityBadge({ priority }: { priority: Priority | string }) {
  return <span class={`prio prio-${priority}`}>{priority}</span>;
}

export function BlockedBadge() {
  return <span class="badge blocked" title="blocked: see the issue for why">blocked</span>;
}

export function IssueLink({ id, title }: { id: string; title?: string }) {
  return (
    <a class="issue-link" href={issueHref(id)} title={id}>
      <code>{shortId(id)}</code>
      {title ? <span class="link-title"> {title}</span> : null}
    </a>
  );
}

export function Modal(props: { title: string; onClose: () => void; children: ComponentChildren; wide?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('input, textarea, select, button:not(.icon)');
    first?.focus();
  }, []);
  return (
    <div class="overlay" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div class={`modal${props.wide ? ' wide' : ''}`} role="dialog" aria-modal="true" aria-label={props.title} ref={ref}
        onKeyDown={(e) => e.key === 'Escape' && props.onClose()}>
        <header>
          <h2>{props.title}</h2>
          <button class="icon" aria-label="close" onClick={props.onClose}>×</button>
        </header>
        {props.children}
      </div>
    </div>
  );
}

export function ErrorLine({ error, retry }: { error: string | null; retry?: () => void }) {
  if (!error) return null;
  return (
    <p class="error-line" role="alert">
      {error} {retry ? <button onClick={retry}>retry</button> : null}
    </p>
  );
}
