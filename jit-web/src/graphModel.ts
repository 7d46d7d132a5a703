// Pure graph operations for the graph view: filtering, focus (upstream + downstream) and styling data.
import type { Graph, GraphEdge, GraphNode, State } from './types';

export interface GraphFilter {
  states: string[];
  label: string;
  /** A full id (resolve prefixes first with resolveIdPrefix). */
  focus: string | null;
  /** Leave out finished issues (DONE_STATES) unless the state filter names them or one is the focus. */
  hideDone?: boolean;
}

/** Above this many issues the graph hides finished work by default: it is most of a mature store. */
export const HIDE_DONE_ABOVE = 300;

/** Finished issues: what "show done" toggles. */
export const DONE_STATES: readonly State[] = ['done', 'archived', 'rejected'];

export function isDone(n: GraphNode): boolean {
  return DONE_STATES.includes(n.state);
}

/** Shortest id prefix the CLI and the API accept. */
export const MIN_ID_PREFIX = 4;

export type IdResolution =
  | { id: string }
  | { error: 'too-short' | 'unknown' | 'ambiguous'; message: string; candidates: string[] };

/**
 * Resolves a full id or a unique prefix of MIN_ID_PREFIX+ characters (case-insensitive), as the CLI does,
 * with a message for a person when it names no issue or more than one.
 */
export function resolveIdPrefix(ids: string[], idOrPrefix: string): IdResolution {
  const needle = idOrPrefix.trim().toLowerCase();
  if (ids.includes(idOrPrefix)) return { id: idOrPrefix };
  if (needle.length < MIN_ID_PREFIX) {
    return { error: 'too-short', candidates: [], message: `id prefix '${idOrPrefix}' is too short: use at least ${MIN_ID_PREFIX} characters` };
  }
  const candidates = ids.filter((id) => id.toLowerCase().startsWith(needle));
  if (candidates.length === 1) return { id: candidates[0] };
  if (candidates.length === 0) return { error: 'unknown', candidates, message: `no issue matches the id '${idOrPrefix}'` };
  return {
    error: 'ambiguous', candidates,
    message: `the id prefix '${idOrPrefix}' matches ${candidates.length} issues: ${candidates.slice(0, 5).map((c) => c.slice(0, 8)).join(', ')}${candidates.length > 5 ? ', …' : ''} — use a longer prefix`,
  };
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
  const stateShown = (n: GraphNode) =>
    f.states.length ? f.states.includes(n.state) : !(f.hideDone && isDone(n));
  const nodes = graph.nodes.filter(
    (n) =>
      (!focus || focus.has(n.id)) &&
      (stateShown(n) || n.id === f.focus) &&
      (labelMatches(n.labels, f.label) || n.id === f.focus),
  );
  const ids = new Set(nodes.map((n) => n.id));
  return { nodes, edges: graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to)) };
}

/** What a live update changes in the drawn graph: applied in place, so the drawing keeps its place. */
export interface GraphDiff {
  addedNodes: GraphNode[];
  removedNodes: string[];
  /** Nodes whose caption, state or blocked mark changed. */
  changedNodes: GraphNode[];
  addedEdges: GraphEdge[];
  removedEdges: GraphEdge[];
}

export const edgeKey = (e: GraphEdge) => `${e.from}>${e.to}`;

export function diffGraph(shown: Graph, next: Graph): GraphDiff {
  const before = new Map(shown.nodes.map((n) => [n.id, n]));
  const after = new Set(next.nodes.map((n) => n.id));
  const edgesBefore = new Set(shown.edges.map(edgeKey));
  const edgesAfter = new Set(next.edges.map(edgeKey));
  const changed = (a: GraphNode, b: GraphNode) =>
    a.label !== b.label || a.state !== b.state || a.blocked !== b.blocked;
  return {
    addedNodes: next.nodes.filter((n) => !before.has(n.id)),
    removedNodes: shown.nodes.filter((n) => !after.has(n.id)).map((n) => n.id),
    changedNodes: next.nodes.filter((n) => before.has(n.id) && changed(before.get(n.id)!, n)),
    addedEdges: next.edges.filter((e) => !edgesBefore.has(edgeKey(e))),
    removedEdges: shown.edges.filter((e) => !edgesAfter.has(edgeKey(e))),
  };
}

export function isEmptyDiff(d: GraphDiff): boolean {
  return !d.addedNodes.length && !d.removedNodes.length && !d.changedNodes.length && !d.addedEdges.length && !d.removedEdges.length;
}

/**
 * Word-wraps a title into at most `lines` lines of at most `width` characters; what does not fit ends in
 * an ellipsis. Words longer than a line are cut.
 */
export function wrapTitle(title: string, width: number, lines: number): string[] {
  const pieces = title.trim().split(/\s+/).filter(Boolean)
    .flatMap((word) => word.match(new RegExp(`.{1,${width}}`, 'gu')) ?? []);
  const out: string[] = [];
  for (const piece of pieces) {
    const last = out.length ? out[out.length - 1] : null;
    if (last !== null && last.length + 1 + piece.length <= width) out[out.length - 1] = `${last} ${piece}`;
    else out.push(piece);
  }
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  const last = kept[lines - 1];
  kept[lines - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`;
  return kept;
}

/** Characters of an 11 px monospace font that fit a 170 px node, and title lines under the id line. */
export const CAPTION_WIDTH = 23;
export const CAPTION_LINES = 2;

export function nodeCaption(n: GraphNode, width = CAPTION_WIDTH, lines = CAPTION_LINES): string {
  return [`${n.id.slice(0, 8)}${n.blocked ? ' · BLOCKED' : ''}`, ...wrapTitle(n.label, width, lines)].join('\n');
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
