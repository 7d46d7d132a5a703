// Keyboard shortcuts. Two-key sequences start with `g` (go to); single keys act directly.

export type Command =
  | 'go-dashboard' | 'go-issues' | 'go-board' | 'go-graph'
  | 'search' | 'new-issue' | 'toggle-theme' | 'help'
  | 'next' | 'prev' | 'open' | 'focus' | 'escape'
  | 'zoom-in' | 'zoom-out' | 'zoom-fit';

const SEQUENCES: Record<string, Command> = {
  'g d': 'go-dashboard',
  'g i': 'go-issues',
  'g b': 'go-board',
  'g g': 'go-graph',
};

const SINGLE: Record<string, Command> = {
  '/': 'search',
  n: 'new-issue',
  t: 'toggle-theme',
  '?': 'help',
  j: 'next',
  k: 'prev',
  Enter: 'open',
  f: 'focus',
  Escape: 'escape',
  '+': 'zoom-in',
  '=': 'zoom-in', // + without shift
  '-': 'zoom-out',
  '0': 'zoom-fit',
};

export const SHORTCUT_HELP: [string, string][] = [
  ['Ctrl-K / ⌘K', 'search issues and documents, go to an id'],
  ['g d', 'dashboard'], ['g i', 'issues'], ['g b', 'board'], ['g g', 'graph'],
  ['/', 'search the issues list'], ['j / k', 'next / previous row'], ['Enter', 'open selected issue'],
  ['n', 'new issue'], ['f', 'graph: focus selected issue'], ['t', 'switch theme'],
  ['← ↑ ↓ →', 'board: move between cards and columns'], ['Shift + ← / →  or  [ / ]', 'board: move the card to the next column'],
  ['+ / -', 'graph: zoom in / out'], ['0', 'graph: fit to the window'],
  ['← → ↑ ↓', 'graph (focused): dependency / dependent / above / below'],
  ['Esc', 'close dialog / clear focus'], ['?', 'this help'],
];

/** Feeds keys one at a time; returns a command when a shortcut completes. */
export class KeySequence {
  private pending: string | null = null;

  feed(key: string): Command | null {
    if (this.pending) {
      const cmd = SEQUENCES[`${this.pending} ${key}`] ?? null;
      this.pending = null;
      return cmd;
    }
    if (key === 'g') {
      this.pending = 'g';
      return null;
    }
    return SINGLE[key] ?? null;
  }
}

/**
 * Ctrl-K (⌘K on a Mac) opens or closes the search palette from anywhere, even while typing in a field: a chord
 * types no character, so it cannot be mistaken for text (unlike the single-key shortcuts).
 */
export function isPaletteShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
}

/** How the palette's key is written on this computer. */
export const PALETTE_KEY = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘K' : 'Ctrl-K';

/** Shortcuts never fire while the user types into a field (Escape still closes things). */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** Enter on a button or a link activates it: no shortcut may take that Enter away. */
export function activatesOnEnter(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el?.closest?.('button, a[href], summary');
}
