// One EventSource for the whole page. The server names each SSE event after the JIT event type, so we
// listen to every known type (plus unnamed messages). EventSource reconnects by itself after a dropped
// connection, but gives up for good on an answer that is not a stream (a proxy's 502 while the server
// restarts): then we open a new one. Events written while no stream was open are not replayed to the views;
// instead every view refetches what it shows whenever the stream (re)opens after a failure (see
// useLiveRefresh), which also covers a view whose first load failed because the server was down.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JitEvent } from './types';

export const EVENT_TYPES = [
  'issue_created', 'issue_claimed', 'issue_state_changed', 'gate_passed', 'gate_failed', 'issue_completed',
  'issue_released', 'issue_updated', 'issue_assigned', 'issue_unassigned', 'issue_rejected', 'issue_deleted',
  'dependency_added', 'dependency_removed', 'gate_added', 'gate_defined', 'gate_undefined', 'lease_expired',
];

export type LiveStatus = 'connecting' | 'live' | 'offline';
type Listener = (e: JitEvent) => void;

/** How long the stream may be down before the header says "offline" (a restart takes about a second). */
export const OFFLINE_AFTER_MS = 3000;
const RECONNECT_MS = 2000;

const listeners = new Set<Listener>();
const statusListeners = new Set<(s: LiveStatus) => void>();
const reopenListeners = new Set<() => void>();
let source: EventSource | null = null;
let status: LiveStatus = 'connecting';
/** Set by a failure; the next open then tells the views to refetch. */
let missedEvents = false;
let offlineTimer: number | undefined;
let reconnectTimer: number | undefined;

function setStatus(s: LiveStatus) {
  status = s;
  statusListeners.forEach((l) => l(s));
}

function onMessage(msg: MessageEvent) {
  let event: JitEvent;
  try {
    event = JSON.parse(msg.data);
  } catch {
    return;
  }
  listeners.forEach((l) => l(event));
}

function onOpen() {
  window.clearTimeout(offlineTimer);
  offlineTimer = undefined;
  setStatus('live');
  if (missedEvents) {
    missedEvents = false;
    reopenListeners.forEach((l) => l());
  }
}

function onError() {
  missedEvents = true;
  if (status === 'live') setStatus('connecting');
  if (offlineTimer === undefined) {
    offlineTimer = window.setTimeout(() => {
      offlineTimer = undefined;
      if (status !== 'live') setStatus('offline');
    }, OFFLINE_AFTER_MS);
  }
  if (source?.readyState === EventSource.CLOSED && reconnectTimer === undefined) {
    source = null;
    reconnectTimer = window.setTimeout(() => {
      reconnectTimer = undefined;
      connect();
    }, RECONNECT_MS);
  }
}

function connect() {
  if (source) return;
  source = new EventSource('api/events/stream');
  source.onopen = onOpen;
  source.onerror = onError;
  source.addEventListener('message', onMessage);
  for (const t of EVENT_TYPES) source.addEventListener(t, onMessage as EventListener);
}

export function startLive(): void {
  connect();
  // Leaving the page must free the connection at once: browsers allow only six per server over HTTP/1.1.
  window.addEventListener('pagehide', () => {
    source?.close();
    source = null;
    missedEvents = true;
  });
  window.addEventListener('pageshow', (e) => e.persisted && connect());
}

/** Calls `listener` each time the stream opens again after a failure (events may have been missed). */
export function onReopen(listener: () => void): () => void {
  reopenListeners.add(listener);
  return () => void reopenListeners.delete(listener);
}

export function useLiveStatus(): LiveStatus {
  const [s, set] = useState(status);
  useEffect(() => {
    statusListeners.add(set);
    return () => void statusListeners.delete(set);
  }, []);
  return s;
}

/**
 * Calls `refresh` (at most every `delayMs`) after events that `matters` accepts, and whenever the stream
 * reopens after a failure. Bursts, such as an agent closing ten issues at once, become one refresh.
 */
export function useLiveRefresh(refresh: () => void, matters: (e: JitEvent) => boolean = () => true, delayMs = 250) {
  const latest = useRef({ refresh, matters });
  latest.current = { refresh, matters };
  useEffect(() => {
    let timer: number | undefined;
    const listener = (e: JitEvent) => {
      if (!latest.current.matters(e) || timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        latest.current.refresh();
      }, delayMs);
    };
    listeners.add(listener);
    const unsubscribe = onReopen(() => latest.current.refresh());
    return () => {
      listeners.delete(listener);
      unsubscribe();
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [delayMs]);
}

/** Every event, as it arrives (for the dashboard's feed). */
export function useLiveEvents(onEvent: Listener) {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    const l: Listener = (e) => latest.current(e);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
}
