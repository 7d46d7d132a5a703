import { describe, expect, it } from 'vitest';
import { filterGraph, findNodes, focusSet, labelMatches, nodeCaption, sameShape } from '../src/graphModel';
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

  it('tells a restyle from a relayout', () => {
    const restated: Graph = { nodes: graph.nodes.map((n) => ({ ...n, state: 'done' })), edges: [...graph.edges].reverse() };
    expect(sameShape(graph, restated)).toBe(true);
    expect(sameShape(graph, { ...graph, edges: graph.edges.slice(1) })).toBe(false);
    expect(sameShape(graph, { ...graph, nodes: [...graph.nodes.slice(1), node('z')] })).toBe(false);
  });

  it('captions show a short id, a blocked mark and a truncated title', () => {
    expect(nodeCaption({ ...node('0123456789abcdef', 'ready', [], true), label: 'x'.repeat(40) }, 10))
      .toBe(`01234567 · BLOCKED\n${'x'.repeat(9)}…`);
  });

  it('finds nodes by id prefix first, then title', () => {
    const nodes = [node('abc1'), { ...node('zzz9'), label: 'fix abc parser' }, node('xyz')];
    expect(findNodes(nodes, 'ABC').map((n) => n.id)).toEqual(['abc1', 'zzz9']);
    expect(findNodes(nodes, '  ')).toEqual([]);
  });
});
