// Pure geometry for moving around the graph: zoom steps (wheel, buttons, keys) and stepping the
// selection from node to node with the keyboard.
import type { Point } from './layout';
import type { GraphEdge } from './types';

/** The smallest zoom: a 1,000-issue graph still fits the window roughly as coloured boxes. */
export const MIN_ZOOM = 0.08;
export const MAX_ZOOM = 3;
/**
 * Zoom factor of one wheel notch, button press or key. From MIN_ZOOM, 7 notches reach 100 % (cytoscape's own
 * wheel zoom took ~140 from a fitted large graph).
 */
export const ZOOM_STEP = 1.5;
/** A wheel event this large (in pixels) is one mouse notch; smaller ones (trackpads) zoom by a fraction. */
export const NOTCH_PX = 50;

/** Notches of zoom-in in a wheel event (negative: out). At most one per event, whatever the device sends. */
export function wheelNotches(deltaY: number, deltaMode: number): number {
  const px = deltaMode === 1 ? deltaY * 40 : deltaMode === 2 ? deltaY * 800 : deltaY;
  return Math.max(-1, Math.min(1, -px / NOTCH_PX));
}

/** The zoom `notches` steps from `current`; a step across 100 % stops at 100 %, the reading size. */
export function steppedZoom(current: number, notches: number): number {
  let next = current * Math.pow(ZOOM_STEP, notches);
  if ((current < 1 && next > 1) || (current > 1 && next < 1)) next = 1;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, next));
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/**
 * The node to select after an arrow key: right goes to a dependent, left to a dependency (edges are drawn
 * dependency → dependent, left to right), up and down to the nearest node above or below in the column;
 * where there is none, the nearest node in that direction.
 */
export function stepSelection(from: string, dir: Direction, positions: Map<string, Point>, edges: GraphEdge[],
  columnWidth: number): string | null {
  const p = positions.get(from);
  if (!p) return null;
  const linked = dir === 'right' ? edges.filter((e) => e.to === from).map((e) => e.from)
    : dir === 'left' ? edges.filter((e) => e.from === from).map((e) => e.to) : [];
  const nearest = (ids: Iterable<string>, ok: (q: Point) => boolean, cost: (q: Point) => number) => {
    let best: string | null = null;
    let bestCost = Infinity;
    for (const id of ids) {
      const q = positions.get(id);
      if (!q || id === from || !ok(q)) continue;
      const c = cost(q);
      if (c < bestCost) { best = id; bestCost = c; }
    }
    return best;
  };
  const dx = (q: Point) => q.x - p.x;
  const dy = (q: Point) => q.y - p.y;
  const half = columnWidth / 2;
  switch (dir) {
    case 'right':
      return nearest(linked, () => true, (q) => Math.abs(dy(q)) + Math.abs(dx(q)))
        ?? nearest(positions.keys(), (q) => dx(q) > half, (q) => dx(q) + 2 * Math.abs(dy(q)));
    case 'left':
      return nearest(linked, () => true, (q) => Math.abs(dy(q)) + Math.abs(dx(q)))
        ?? nearest(positions.keys(), (q) => dx(q) < -half, (q) => -dx(q) + 2 * Math.abs(dy(q)));
    case 'up':
    case 'down': {
      const sign = dir === 'down' ? 1 : -1;
      return nearest(positions.keys(), (q) => sign * dy(q) > 0 && Math.abs(dx(q)) < half, (q) => sign * dy(q))
        ?? nearest(positions.keys(), (q) => sign * dy(q) > 0, (q) => sign * dy(q) + 2 * Math.abs(dx(q)));
    }
  }
}

/** Reading order for j / k: column by column, top to bottom. */
export function readingOrder(positions: Map<string, Point>): string[] {
  return [...positions.entries()].sort(([, a], [, b]) => a.x - b.x || a.y - b.y).map(([id]) => id);
}

/** The node nearest a point (the viewport's centre, when the keyboard first enters the graph). */
export function nearestTo(point: Point, positions: Map<string, Point>): string | null {
  let best: string | null = null;
  let bestDist = Infinity;
  for (const [id, q] of positions) {
    const d = (q.x - point.x) ** 2 + (q.y - point.y) ** 2;
    if (d < bestDist) { best = id; bestDist = d; }
  }
  return best;
}
