// Pure graph operations for the graph view: filtering, focus (upstream + downstream) and styling data.
import type { Graph, GraphNode, State } from './types';

export interface GraphFilter {
  states: string[];
  label: string;
  focus: string | null;
}

/** Matches a label filter: exact (`epic:auth`), or a prefix with `*` (`epic:*`). */
export function labelMatches(labels: string[], pattern: string): boolean {
  const p = pattern.trim();
  if (!p) return true;
  if (p.endsWith('*')) {
    const prefix = p.slice(0, -1);
    return labels.some((l) => l.startsWith(prefix));
  }
  return labels.includes(p);
}

/** Ids of `id`, everything it depends on (transitively) and everything that depends on it. */
export function focusSet(graph: Graph, id: string): Set<string> {
  const deps = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const e of graph.edges) {
    (deps.get(e.from) ?? deps.set(e.from, []).get(e.from)!).push(e.to);
    (dependents.get(e.to) ?? dependents.set(e.to, []).get(e.to)!).push(e.from);
  }
  const out = new Set<string>([id]);
  for (const adjacency of [deps, dependents]) {
    const stack = [id];
    const seen = new Set<string>([id]);
    while (stack.length) {
      const cur = stack.pop()!;
      for (const next of adjacency.get(cur) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          out.add(next);
          stack.push(next);
        }
      }
    }
  }
  return out;
}

/** The subgraph to draw: nodes passing the filter, and edges whose both ends are drawn. */
export function filterGraph(graph: Graph, f: GraphFilter): Graph {
  const focus = f.focus && graph.nodes.some((n) => n.id === f.focus) ? focusSet(graph, f.focus) : null;
  const nodes = graph.nodes.filter(
    (n) =>
      (!focus || focus.has(n.id)) &&
      (f.states.length === 0 || f.states.includes(n.state) || n.id === f.focus) &&
      (labelMatches(n.labels, f.label) || n.id === f.focus),
  );
  const ids = new Set(nodes.map((n) => n.id));
  return { nodes, edges: graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to)) };
}

/** Same drawing, different data: lets live updates restyle in place instead of re-laying out. */
export function sameShape(a: Graph, b: Graph): boolean {
  if (a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return false;
  const ids = new Set(a.nodes.map((n) => n.id));
  if (!b.nodes.every((n) => ids.has(n.id))) return false;
  const edges = new Set(a.edges.map((e) => `${e.from}>${e.to}`));
  return b.edges.every((e) => edges.has(`${e.from}>${e.to}`));
}

export function nodeCaption(n: GraphNode, maxTitle = 26): string {
  const title = n.label.length > maxTitle ? `${n.label.slice(0, maxTitle - 1)}…` : n.label;
  return `${n.id.slice(0, 8)}${n.blocked ? ' · BLOCKED' : ''}\n${title}`;
}

/** Case-insensitive match of id prefix or title words, for the graph's find box. */
export function findNodes(nodes: GraphNode[], query: string, limit = 8): GraphNode[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const byId = nodes.filter((n) => n.id.toLowerCase().startsWith(q));
  const byTitle = nodes.filter((n) => !n.id.toLowerCase().startsWith(q) && n.label.toLowerCase().includes(q));
  return [...byId, ...byTitle].slice(0, limit);
}

export const STATE_LABELS: Record<State, string> = {
  backlog: 'backlog',
  ready: 'ready',
  in_progress: 'in progress',
  gated: 'gated',
  done: 'done',
  archived: 'archived',
  rejected: 'rejected',
};
