import { findAll } from './searchModel';

/**
 * Wraps every occurrence of `word` in the text under `root` in <mark>, for DOM that Preact does not manage
 * (rendered markdown set as inner HTML). Only text nodes are split, so no markup is ever parsed. A word split
 * by markup (**jour**nal) is not found.
 */
export function markText(root: HTMLElement, word: string): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  for (const text of texts) {
    const spans = findAll(text.data, word);
    if (!spans.length) continue;
    const pieces = document.createDocumentFragment();
    let at = 0;
    for (const s of spans) {
      const mark = document.createElement('mark');
      mark.textContent = text.data.slice(s.start, s.end);
      pieces.append(text.data.slice(at, s.start), mark);
      at = s.end;
    }
    pieces.append(text.data.slice(at));
    text.replaceWith(pieces);
  }
}
