// One EventSource for the whole page. The server names each SSE event after the JIT event type, so we
// listen to every known type (plus unnamed messages). EventSource reconnects by itself and sends
// Last-Event-ID, so nothing is missed across a server restart.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JitEvent } from './types';

export const EVENT_TYPES = [
  'issue_created', 'issue_claimed', 'issue_state_changed', 'gate_passed', 'gate_failed', 'issue_completed',
  'issue_released', 'issue_updated', 'issue_assigned', 'issue_unassigned', 'issue_rejected', 'issue_deleted',
  'dependency_added', 'dependency_removed', 'gate_added', 'gate_defined', 'gate_undefined', 'lease_expired',
];

export type LiveStatus = 'connecting' | 'live' | 'offline';
type Listener = (e: JitEvent) => void;

const listeners = new Set<Listener>();
const statusListeners = new Set<(s: LiveStatus) => void>();
let source: EventSource | null = null;
let status: LiveStatus = 'connecting';

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

export function startLive(): void {
  if (source) return;
  source = new EventSource('api/events/stream');
  source.onopen = () => setStatus('live');
  source.onerror = () => setStatus(source?.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
  source.addEventListener('message', onMessage);
  for (const t of EVENT_TYPES) source.addEventListener(t, onMessage as EventListener);
  // Leaving the page must free the connection at once: browsers allow only six per server over HTTP/1.1.
  window.addEventListener('pagehide', () => {
    source?.close();
    source = null;
  });
  window.addEventListener('pageshow', (e) => e.persisted && startLive());
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
 * Calls `refresh` (at most every `delayMs`) after events that `matters` accepts. Bursts, such as an
 * agent closing ten issues at once, become one refresh.
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
    return () => {
      listeners.delete(listener);
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
