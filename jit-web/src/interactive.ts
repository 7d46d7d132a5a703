/**
 * Marks a view as interactive (its data rendered, its handlers attached): a performance mark that the
 * browser tests read to measure time to interactive, and a data attribute they wait on.
 */
export function markInteractive(view: string): void {
  const name = `jit-interactive-${view}`;
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
  document.documentElement.dataset.ready = view;
}
