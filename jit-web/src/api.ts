// The only place that talks HTTP. Every URL is relative (`api/...` resolved against the page), so the
// UI works served by jit-server at / and as static files behind nginx proxying /api.
import type {
  GateDefinition, Graph, IssueDetail, IssueEdit, IssuePage, JitEvent, Issue, StatusCounts, SearchResults,
} from './types';

const TOKEN_KEY = 'jit-token';
const ACTOR_KEY = 'jit-actor';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const sessionListeners = new Set<() => void>();

/** Calls `listener` whenever the token or the name changes (the token dialog); returns the unsubscribe. */
export function onSessionChange(listener: () => void): () => void {
  sessionListeners.add(listener);
  return () => void sessionListeners.delete(listener);
}

export function getToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function setToken(token: string): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  sessionListeners.forEach((l) => l());
}

/** Name recorded as assignee / gate `by` for actions taken from this browser tab. */
export function getActor(): string {
  return sessionStorage.getItem(ACTOR_KEY) || 'web';
}

export function setActor(actor: string): void {
  sessionStorage.setItem(ACTOR_KEY, actor || 'web');
  sessionListeners.forEach((l) => l());
}

/** What the server says of itself (GET /api/server). */
export interface ServerInfo {
  version: string;
  /** false: the server has no API token configured, so it refuses every write */
  writes_enabled: boolean;
}

/** Turns a failed response body into an ApiError, using the contract's error envelope when present. */
export function toApiError(status: number, body: string): ApiError {
  try {
    const parsed = JSON.parse(body);
    const err = parsed?.error;
    if (err && typeof err.message === 'string') {
      return new ApiError(status, String(err.code ?? 'ERROR'), err.message, err.details ?? {});
    }
  } catch {
    // not JSON: fall through to the status line
  }
  const text = body.trim().split('\n')[0]?.slice(0, 200);
  return new ApiError(status, `HTTP_${status}`, text || `request failed with HTTP ${status}`);
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = getToken();
  if (method !== 'GET' && token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(`api/${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'cannot reach the JIT server');
  }
  const text = await res.text();
  if (!res.ok) throw toApiError(res.status, text);
  return (text ? JSON.parse(text) : {}) as T;
}

const enc = encodeURIComponent;

export const api = {
  server: (signal?: AbortSignal) => request<ServerInfo>('GET', 'server', undefined, signal),
  status: (signal?: AbortSignal) => request<StatusCounts>('GET', 'status', undefined, signal),
  issues: (query: string, signal?: AbortSignal) =>
    request<IssuePage>('GET', `issues${query ? `?${query}` : ''}`, undefined, signal),
  issue: (id: string, signal?: AbortSignal) => request<IssueDetail>('GET', `issues/${enc(id)}`, undefined, signal),
  ready: (signal?: AbortSignal) => request<IssuePage>('GET', 'ready', undefined, signal),
  /** Issues whose id starts with `text` or whose title or description contains it (the list's `q`). */
  findIssues: (text: string, limit: number, signal?: AbortSignal) =>
    request<IssuePage>('GET', `issues?q=${enc(text)}&limit=${limit}`, undefined, signal),
  graph: (signal?: AbortSignal) => request<Graph>('GET', 'graph', undefined, signal),
  gates: (signal?: AbortSignal) => request<{ gates: GateDefinition[] }>('GET', 'gates', undefined, signal),
  events: (query: string, signal?: AbortSignal) =>
    request<{ events: JitEvent[] }>('GET', `events?${query}`, undefined, signal),
  /** `query` has q and optionally limit, sort and the list's filters (see issueQuery.searchQuery). */
  search: (query: string, signal?: AbortSignal) =>
    request<SearchResults>('GET', `search?${query}`, undefined, signal),
  documentContent: (id: string, path: string, commit?: string) =>
    request<{ path: string; commit: string; content: string; content_type: string }>(
      'GET', `issues/${enc(id)}/documents/${enc(path)}/content${commit ? `?commit=${enc(commit)}` : ''}`),
  documentHistory: (id: string, path: string) =>
    request<{ path: string; commits: { commit: string; author: string; date: string; message: string }[] }>(
      'GET', `issues/${enc(id)}/documents/${enc(path)}/history`),
  documentDiff: (id: string, path: string, from: string, to: string) =>
    request<{ path: string; from: string; to: string; diff: string }>(
      'GET', `issues/${enc(id)}/documents/${enc(path)}/diff?from=${enc(from)}&to=${enc(to)}`),

  createIssue: (body: { title: string; description: string; priority: string; gates: string[]; labels: string[]; dependencies?: string[] }) =>
    request<Issue>('POST', 'issues', body),
  updateIssue: (id: string, body: IssueEdit) => request<Issue>('PATCH', `issues/${enc(id)}`, body),
  claim: (id: string, assignee: string) => request<Issue>('POST', `issues/${enc(id)}/claim`, { assignee }),
  release: (id: string, reason: string) => request<Issue>('POST', `issues/${enc(id)}/release`, { reason }),
  addDependency: (id: string, dependsOn: string) =>
    request<Issue>('POST', `issues/${enc(id)}/dependencies`, { depends_on: dependsOn }),
  removeDependency: (id: string, dep: string) =>
    request<Issue>('DELETE', `issues/${enc(id)}/dependencies/${enc(dep)}`),
  gate: (id: string, key: string, outcome: 'pass' | 'fail', by: string) =>
    request<Issue>('POST', `issues/${enc(id)}/gates/${enc(key)}/${outcome}`, { by }),
};
