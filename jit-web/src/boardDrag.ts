// Dragging board cards with pointer events rather than HTML5 drag and drop: it works with a mouse, a pen
// and touch alike, lets us draw the card under the pointer across scrolling columns, and is what real
// input (and Selenium's Actions) produces. Moves are plain DOM writes, so a drag never re-renders the board.
import { useEffect, useRef } from 'preact/hooks';
import type { State } from './types';

/** Pixels the pointer must travel before a press becomes a drag (below it, the press is a click). */
const DRAG_THRESHOLD = 5;

interface Press {
  id: string;
  from: State;
  card: HTMLElement;
  pointerId: number;
  startX: number;
  startY: number;
  ghost: HTMLElement | null;
  target: HTMLElement | null;
}

const columnAt = (x: number, y: number) =>
  (document.elementFromPoint(x, y)?.closest('[data-column]') as HTMLElement | null) ?? null;

/**
 * Attaches card dragging to the board element `boardRef` (rendered from the start): pressing a `[data-card-id]` inside a
 * `[data-column]` and releasing it over another column calls `onDrop(id, from, to)`.
 */
export function useCardDrag(boardRef: { current: HTMLElement | null }, onDrop: (id: string, from: State, to: State) => void) {
  const latestDrop = useRef(onDrop);
  latestDrop.current = onDrop;

  useEffect(() => {
    const board = boardRef.current;
    if (!board) return undefined;
    let press: Press | null = null;

    const setTarget = (column: HTMLElement | null) => {
      if (!press || press.target === column) return;
      if (press.target) delete press.target.dataset.dropTarget;
      press.target = column && column.dataset.column !== press.from ? column : null;
      if (press.target) press.target.dataset.dropTarget = 'true';
    };

    const end = () => {
      if (!press) return;
      setTarget(null);
      press.ghost?.remove();
      press.card.classList.remove('drag-source');
      document.body.classList.remove('board-dragging');
      press = null;
    };

    const onDown = (e: PointerEvent) => {
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      const card = (e.target as HTMLElement).closest<HTMLElement>('[data-card-id]');
      const column = card?.closest<HTMLElement>('[data-column]');
      if (!card || !column || card.dataset.pending) return;
      press = {
        id: card.dataset.cardId!, from: column.dataset.column as State, card, pointerId: e.pointerId,
        startX: e.clientX, startY: e.clientY, ghost: null, target: null,
      };
    };

    const onMove = (e: PointerEvent) => {
      if (!press || e.pointerId !== press.pointerId) return;
      const dx = e.clientX - press.startX;
      const dy = e.clientY - press.startY;
      if (!press.ghost) {
        if (Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
        press.ghost = ghostOf(press.card);
        press.card.classList.add('drag-source');
        document.body.classList.add('board-dragging');
      }
      e.preventDefault();
      press.ghost.style.transform = `translate(${dx}px, ${dy}px) rotate(1.5deg)`;
      setTarget(columnAt(e.clientX, e.clientY));
    };

    const onUp = (e: PointerEvent) => {
      if (!press || e.pointerId !== press.pointerId) return;
      const dragged = press.ghost !== null;
      const { id, from } = press;
      const to = dragged ? (columnAt(e.clientX, e.clientY)?.dataset.column as State | undefined) : undefined;
      end();
      if (!dragged) return; // a click: the card's link opens the issue
      swallowNextClick();
      if (to && to !== from) latestDrop.current(id, from, to);
    };

    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && press?.ghost) {
        e.stopPropagation();
        end();
      }
    };

    board.addEventListener('pointerdown', onDown);
    window.addEventListener('pointermove', onMove, { passive: false });
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', end);
    window.addEventListener('blur', end);
    window.addEventListener('keydown', onKey, true);
    return () => {
      end();
      board.removeEventListener('pointerdown', onDown);
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', end);
      window.removeEventListener('blur', end);
      window.removeEventListener('keydown', onKey, true);
    };
  }, []);
}

/** A copy of the card fixed over it, that follows the pointer (columns scroll, so the card itself is clipped). */
function ghostOf(card: HTMLElement): HTMLElement {
  const rect = card.getBoundingClientRect();
  const ghost = card.cloneNode(true) as HTMLElement;
  ghost.removeAttribute('data-card-id');
  ghost.removeAttribute('id');
  ghost.setAttribute('aria-hidden', 'true');
  ghost.tabIndex = -1;
  ghost.classList.add('drag-ghost');
  Object.assign(ghost.style, { left: `${rect.left}px`, top: `${rect.top}px`, width: `${rect.width}px` });
  document.body.appendChild(ghost);
  return ghost;
}

/** The click that follows a drag's release must not open the card. */
function swallowNextClick() {
  const swallow = (e: MouseEvent) => {
    e.preventDefault();
    e.stopPropagation();
  };
  window.addEventListener('click', swallow, { capture: true, once: true });
  window.setTimeout(() => window.removeEventListener('click', swallow, true), 0);
}
