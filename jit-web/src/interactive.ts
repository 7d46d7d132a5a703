/**
 * Marks a view as interactive (its data rendered, its handlers attached): a performance mark that the
 * browser tests read to measure time to interactive, and a data attribute they wait on.
 */
export function markInteractive(view: string): void {
  const name = `jit-interactive-${view}`;
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
  document.documentElement.dataset.ready = view;
  const waiting = [...firstInteractive];
  firstInteractive.clear();
  waiting.forEach((f) => f());
}

const firstInteractive = new Set<() => void>();

/** Calls `f` once the first view of the page is interactive (at once if one already is); returns the cancel. */
export function whenInteractive(f: () => void): () => void {
  if (document.documentElement.dataset.ready) {
    f();
    return () => undefined;
  }
  firstInteractive.add(f);
  return () => void firstInteractive.delete(f);
}
