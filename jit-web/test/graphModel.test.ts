import { describe, expect, it } from 'vitest';
import {
  diffGraph, filterGraph, findNodes, focusSet, isEmptyDiff, labelMatches, nodeCaption, resolveIdPrefix, wrapTitle,
} from '../src/graphModel';
import type { Graph, GraphNode } from '../src/types';

const node = (id: string, state: GraphNode['state'] = 'ready', labels: string[] = [], blocked = false): GraphNode =>
  ({ id, label: `title ${id}`, state, priority: 'normal', assignee: null, blocked, labels });

// a <- b <- c, b <- d, e alone (x <- y means y depends on x)
const graph: Graph = {
  nodes: [node('a', 'done', ['epic:auth']), node('b', 'ready', ['epic:auth', 'type:task']), node('c', 'backlog', [], true),
    node('d', 'in_progress', ['type:bug']), node('e', 'ready')],
  edges: [{ from: 'b', to: 'a' }, { from: 'c', to: 'b' }, { from: 'd', to: 'b' }],
};

describe('graph model', () => {
  it('matches labels exactly or by namespace wildcard', () => {
    expect(labelMatches(['epic:auth'], 'epic:auth')).toBe(true);
    expect(labelMatches(['epic:auth'], 'epic:*')).toBe(true);
    expect(labelMatches(['epic:auth'], 'epic:au')).toBe(false);
    expect(labelMatches([], '')).toBe(true);
  });

  it('focus keeps everything upstream and downstream, not siblings of ancestors', () => {
    expect([...focusSet(graph, 'b')].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...focusSet(graph, 'c')].sort()).toEqual(['a', 'b', 'c']);
    expect([...focusSet(graph, 'e')]).toEqual(['e']);
  });

  it('filters by state and label and keeps only edges between drawn nodes', () => {
    const byState = filterGraph(graph, { states: ['ready', 'done'], label: '', focus: null });
    expect(byState.nodes.map((n) => n.id)).toEqual(['a', 'b', 'e']);
    expect(byState.edges).toEqual([{ from: 'b', to: 'a' }]);
    const byLabel = filterGraph(graph, { states: [], label: 'type:*', focus: null });
    expect(byLabel.nodes.map((n) => n.id)).toEqual(['b', 'd']);
    expect(byLabel.edges).toEqual([{ from: 'd', to: 'b' }]);
  });

  it('always shows the focused issue, and ignores a focus that is not in the graph', () => {
    const f = filterGraph(graph, { states: ['done'], label: '', focus: 'c' });
    expect(f.nodes.map((n) => n.id)).toEqual(['a', 'c']);
    expect(filterGraph(graph, { states: [], label: '', focus: 'zzz' }).nodes).toHaveLength(5);
  });

  it('hides finished work when asked, unless the state filter names it or it is the focus', () => {
    const withDone: Graph = { ...graph, nodes: [...graph.nodes, node('r', 'rejected'), node('v', 'archived')] };
    expect(filterGraph(withDone, { states: [], label: '', focus: null, hideDone: true }).nodes.map((n) => n.id))
      .toEqual(['b', 'c', 'd', 'e']);
    expect(filterGraph(withDone, { states: ['done'], label: '', focus: null, hideDone: true }).nodes.map((n) => n.id)).toEqual(['a']);
    expect(filterGraph(withDone, { states: [], label: '', focus: 'a', hideDone: true }).nodes.map((n) => n.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(filterGraph(withDone, { states: [], label: '', focus: null }).nodes).toHaveLength(7);
  });

  it('diffs a live update into added, removed and restyled nodes and edges', () => {
    const next: Graph = {
      nodes: [...graph.nodes.filter((n) => n.id !== 'e').map((n) => (n.id === 'c' ? { ...n, state: 'ready' as const } : n)), node('f')],
      edges: [...graph.edges.slice(1), { from: 'f', to: 'd' }],
    };
    const d = diffGraph(graph, next);
    expect(d.addedNodes.map((n) => n.id)).toEqual(['f']);
    expect(d.removedNodes).toEqual(['e']);
    expect(d.changedNodes.map((n) => n.id)).toEqual(['c']);
    expect(d.addedEdges).toEqual([{ from: 'f', to: 'd' }]);
    expect(d.removedEdges).toEqual([{ from: 'b', to: 'a' }]);
    expect(isEmptyDiff(diffGraph(graph, { nodes: [...graph.nodes], edges: [...graph.edges].reverse() }))).toBe(true);
  });

  it('captions show a short id, a blocked mark and the title wrapped to the node', () => {
    expect(nodeCaption({ ...node('0123456789abcdef', 'ready', [], true), label: 'x'.repeat(40) }, 10, 2))
      .toBe(`01234567 · BLOCKED\n${'x'.repeat(10)}\n${'x'.repeat(9)}…`);
    expect(nodeCaption({ ...node('0123456789abcdef'), label: 'Design the schema' })).toBe('01234567\nDesign the schema');
  });

  it('wraps titles at words and ends what does not fit with an ellipsis', () => {
    expect(wrapTitle('Rewrite the lock file handling so that a crashed agent never leaves a lock', 23, 2))
      .toEqual(['Rewrite the lock file', 'handling so that a…']);
    expect(wrapTitle('short', 23, 2)).toEqual(['short']);
    expect(wrapTitle('abcdefghij klm', 5, 3)).toEqual(['abcde', 'fghij', 'klm']);
    for (const line of wrapTitle('a'.repeat(100), 23, 2)) expect(line.length).toBeLessThanOrEqual(23);
  });

  it('resolves unique id prefixes as the CLI does, and says why others fail', () => {
    const ids = ['9db27a3a-1111', '9db27a3a-2222', 'c0ffee00-3333'];
    expect(resolveIdPrefix(ids, 'c0ffee00-3333')).toEqual({ id: 'c0ffee00-3333' });
    expect(resolveIdPrefix(ids, 'C0FF')).toEqual({ id: 'c0ffee00-3333' });
    expect(resolveIdPrefix(ids, '9db27a3a')).toMatchObject({ error: 'ambiguous', candidates: ['9db27a3a-1111', '9db27a3a-2222'] });
    expect(resolveIdPrefix(ids, 'dead')).toMatchObject({ error: 'unknown' });
    expect(resolveIdPrefix(ids, 'c0f')).toMatchObject({ error: 'too-short' });
  });

  it('finds nodes by id prefix first, then title', () => {
    const nodes = [node('abc1'), { ...node('zzz9'), label: 'fix abc parser' }, node('xyz')];
    expect(findNodes(nodes, 'ABC').map((n) => n.id)).toEqual(['abc1', 'zzz9']);
    expect(findNodes(nodes, '  ')).toEqual([]);
  });
});
