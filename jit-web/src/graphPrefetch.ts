// Opening the page on #/graph: fetch the graph while the graph's code chunk is still loading, instead of
// after it (the two used to run one after the other).
import { api } from './api';
import type { Graph } from './types';

let pending: Promise<Graph> | null = null;

export function prefetchGraph(): void {
  pending = api.graph();
  pending.catch(() => undefined); // reported when taken
}

/** The prefetched graph the first time, a fresh request after that. */
export function loadGraph(signal: AbortSignal): Promise<Graph> {
  const p = pending;
  pending = null;
  return p ?? api.graph(signal);
}
