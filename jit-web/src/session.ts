// Who is acting from this tab and whether the server takes writes at all, as hooks that re-render when
// either changes: the name set in the token dialog is used by every later claim and gate "by", and a
// server without an API token gets a read-only UI instead of buttons that can only fail.
import { useEffect, useState } from 'preact/hooks';
import { api, getActor, getToken, onSessionChange, type ServerInfo } from './api';
import { onReopen } from './live';

let serverInfo: ServerInfo | null = null;
const serverListeners = new Set<() => void>();

function loadServerInfo(): void {
  api.server().then((info) => {
    serverInfo = info;
    serverListeners.forEach((l) => l());
  }, () => {
    // unreachable or an older server: keep what we knew (writes are then offered and refused in words)
  });
}

/** Asks the server what it is once, and again after every reconnect (a restart may add or remove the token). */
export function startServerInfo(): void {
  loadServerInfo();
  onReopen(loadServerInfo);
}

export function useServerInfo(): ServerInfo | null {
  const [info, setInfo] = useState(serverInfo);
  useEffect(() => {
    const l = () => setInfo(serverInfo);
    serverListeners.add(l);
    l();
    return () => void serverListeners.delete(l);
  }, []);
  return info;
}

/** False only once the server has said it refuses writes; until then writes are offered. */
export function useWritable(): boolean {
  return useServerInfo()?.writes_enabled !== false;
}

/** The name this tab acts as (assignee of claims, "by" of gates), following the token dialog. */
export function useActor(): string {
  return useSession().actor;
}

export function useSession(): { actor: string; hasToken: boolean } {
  const read = () => ({ actor: getActor(), hasToken: !!getToken() });
  const [session, setSession] = useState(read);
  useEffect(() => onSessionChange(() => setSession(read())), []);
  return session;
}
