import { describe, expect, it } from 'vitest';
import { crossings, layeredLayout, placeNewNodes } from '../src/layout';
import type { GraphEdge } from '../src/types';

describe('layered layout', () => {
  it('puts every dependency in an earlier column than its dependents', () => {
    const edges: GraphEdge[] = [{ from: 'b', to: 'a' }, { from: 'c', to: 'b' }, { from: 'c', to: 'a' }, { from: 'd', to: 'a' }];
    const p = layeredLayout(['a', 'b', 'c', 'd', 'e'], edges);
    for (const e of edges) expect(p.get(e.to)!.x).toBeLessThan(p.get(e.from)!.x);
    expect(p.get('c')!.x).toBe(2 * (170 + 70)); // longest chain c -> b -> a
    expect(p.get('e')!.x).toBe(0);
  });

  it('never overlaps nodes in a column', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `n${i}`);
    const edges = ids.slice(1).map((id, i) => ({ from: id, to: ids[Math.floor(i / 3)] }));
    const p = layeredLayout(ids, edges);
    const seen = new Set<string>();
    for (const { x, y } of p.values()) {
      expect(seen.has(`${x},${y}`)).toBe(false);
      seen.add(`${x},${y}`);
    }
    expect(p.size).toBe(50);
  });

  it('untangles crossings that the input order creates', () => {
    // two independent chains given interleaved in reverse: a1<-b2, a2<-b1 crossing unless reordered
    const edges = [{ from: 'b1', to: 'a1' }, { from: 'b2', to: 'a2' }, { from: 'c1', to: 'b1' }, { from: 'c2', to: 'b2' }];
    const unswept = layeredLayout(['a1', 'a2', 'b2', 'b1', 'c1', 'c2'], edges, { sweeps: 0 });
    const swept = layeredLayout(['a1', 'a2', 'b2', 'b1', 'c1', 'c2'], edges);
    expect(crossings(unswept, edges)).toBeGreaterThan(0);
    expect(crossings(swept, edges)).toBe(0);
  });

  it('survives a cycle and edges to unknown nodes', () => {
    const p = layeredLayout(['a', 'b', 'c'], [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }, { from: 'c', to: 'zz' }]);
    expect(p.size).toBe(3);
  });

  it('places every one of 1,000 densely linked issues', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `n${i}`);
    const edges: GraphEdge[] = [];
    ids.forEach((id, i) => [1 + (i % 7), 3 + (i % 11)].forEach((b) => i - b >= 0 && i % 5 && edges.push({ from: id, to: ids[i - b] })));
    const p = layeredLayout(ids, edges);
    expect(p.size).toBe(1000);
  });
});

describe('layered layout placement', () => {
  it('puts a dependency just before its nearest dependent, not in the first column', () => {
    // d is needed only by c, which sits in column 2 because of the chain c -> b -> a
    const edges: GraphEdge[] = [{ from: 'b', to: 'a' }, { from: 'c', to: 'b' }, { from: 'c', to: 'd' }];
    const p = layeredLayout(['a', 'b', 'c', 'd'], edges, { nodeWidth: 100, rankSep: 0 });
    expect(p.get('d')!.x).toBe(100);
    expect(p.get('a')!.x).toBe(0);
  });

  it('lays issues without any dependency out in a grid below the graph', () => {
    const ids = ['a', 'b', ...Array.from({ length: 7 }, (_, i) => `lone${i}`)];
    const p = layeredLayout(ids, [{ from: 'b', to: 'a' }], { nodeWidth: 100, rankSep: 0, nodeHeight: 10, nodeSep: 0 });
    const lone = ids.slice(2).map((id) => p.get(id)!);
    expect(Math.min(...lone.map((q) => q.y))).toBeGreaterThan(Math.max(p.get('a')!.y, p.get('b')!.y));
    expect(new Set(lone.map((q) => q.x))).toEqual(new Set([0, 100])); // two columns, as wide as the graph
  });
});

describe('placing new nodes in a drawing that stays', () => {
  const drawn = new Map([['a', { x: 0, y: 0 }], ['b', { x: 240, y: 0 }], ['c', { x: 240, y: 56 }]]);

  it('puts a new dependent right of its dependency, in a free slot, and moves nothing else', () => {
    const placed = placeNewNodes(drawn, ['n'], [{ from: 'n', to: 'a' }]);
    const n = placed.get('n')!;
    expect(n.x).toBe(240);
    expect([...drawn.values()].some((p) => p.x === n.x && Math.abs(p.y - n.y) < 42 + 14)).toBe(false);
    expect(placed.size).toBe(1);
  });

  it('puts a new dependency left of its dependent, and a chain of new nodes in order', () => {
    const placed = placeNewNodes(drawn, ['m', 'n'], [{ from: 'n', to: 'm' }, { from: 'a', to: 'n' }]);
    expect(placed.get('n')!.x).toBe(-240);
    expect(placed.get('m')!.x).toBe(-480);
  });

  it('puts unlinked new nodes in free slots at the bottom', () => {
    const placed = placeNewNodes(drawn, ['x', 'y'], []);
    const [x, y] = [placed.get('x')!, placed.get('y')!];
    expect(x.y).toBeGreaterThanOrEqual(56);
    expect(`${x.x},${x.y}`).not.toBe(`${y.x},${y.y}`);
  });
});
