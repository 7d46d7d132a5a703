// Keyboard focus on the board: which card an arrow key goes to, and keeping the focus on a card that
// re-renders elsewhere (a moved card is a new element in its new column).
import { useEffect, useRef, useState } from 'preact/hooks';

const cardSelector = (id: string) => `[data-card-id="${CSS.escape(id)}"]`;

/**
 * The card an arrow key (or Home / End) moves focus to from `card`: up and down its column, left and right
 * to the nearest column with cards, at the same height where it can; null at an edge, undefined for
 * other keys.
 */
export function neighbourCard(card: HTMLElement, key: string): HTMLElement | null | undefined {
  const column = card.closest<HTMLElement>('[data-column]')!;
  const cardsOf = (c: Element) => [...c.querySelectorAll<HTMLElement>('[data-card-id]')];
  const cards = cardsOf(column);
  const i = cards.indexOf(card);
  switch (key) {
    case 'ArrowDown': return cards[i + 1] ?? null;
    case 'ArrowUp': return cards[i - 1] ?? null;
    case 'Home': return cards[0] ?? null;
    case 'End': return cards[cards.length - 1] ?? null;
    case 'ArrowLeft':
    case 'ArrowRight': {
      const all = [...column.parentElement!.querySelectorAll<HTMLElement>('[data-column]')];
      const step = key === 'ArrowLeft' ? -1 : 1;
      for (let c = all.indexOf(column) + step; c >= 0 && c < all.length; c += step) {
        const there = cardsOf(all[c]);
        if (there.length) return there[Math.min(i, there.length - 1)];
      }
      return null;
    }
    default: return undefined;
  }
}

/**
 * Puts the focus back on the card that had it when a render took that card's element away (it moved to
 * another column, or a live refresh re-rendered it), and returns the id of the card that last had focus.
 */
export function useFocusFollowsCard(boardRef: { current: HTMLElement | null }): string | null {
  const focusedId = useRef<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  useEffect(() => {
    const id = focusedId.current;
    const active = document.activeElement;
    if (!id || (active && active !== document.body)) return;
    boardRef.current?.querySelector<HTMLElement>(cardSelector(id))?.focus();
  });
  useEffect(() => {
    const onFocus = (e: FocusEvent) => {
      const card = (e.target as HTMLElement).closest?.<HTMLElement>('[data-card-id]');
      focusedId.current = card?.dataset.cardId ?? null;
      if (card) setActiveId(card.dataset.cardId!);
    };
    // Pressing anywhere but a card lets the focus go where the press puts it (often the page itself).
    const onPress = (e: PointerEvent) => {
      if (!(e.target as HTMLElement).closest?.('[data-card-id]')) focusedId.current = null;
    };
    document.addEventListener('focusin', onFocus);
    document.addEventListener('pointerdown', onPress);
    return () => {
      document.removeEventListener('focusin', onFocus);
      document.removeEventListener('pointerdown', onPress);
    };
  }, []);
  return activeId;
}
