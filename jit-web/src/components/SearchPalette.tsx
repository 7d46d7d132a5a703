import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { shortId } from '../format';
import { paletteQuery } from '../issueQuery';
import { issueHref } from '../route';
import { mayBeIdPrefix, paletteEntries, type PaletteEntry } from '../searchModel';
import type { Issue } from '../types';
import { useLoad } from './common';
import { HitLine } from './SearchHit';

/** Matching lines asked for: the palette shows one entry per issue and per document among them. */
const PALETTE_LIMIT = 50;
const DEBOUNCE_MS = 150;

type Jump = { kind: 'jump'; key: string; issue: Issue; href: string };
type Option = Jump | PaletteEntry;

interface Found {
  text: string;
  options: Option[];
  total: number;
  lines: number;
}

/** The issue an id or unique id prefix names; null when the text names none (or several: the server's 400). */
async function issueNamed(text: string, signal: AbortSignal): Promise<Issue | null> {
  if (!mayBeIdPrefix(text)) return null;
  try {
    return await api.issue(text, signal);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) return null;
    throw e;
  }
}

async function find(text: string, signal: AbortSignal): Promise<Found> {
  const [found, named] = await Promise.all([api.search(paletteQuery(text, PALETTE_LIMIT), signal), issueNamed(text, signal)]);
  const jump: Jump[] = named ? [{ kind: 'jump', key: `jump:${named.id}`, issue: named, href: issueHref(named.id) }] : [];
  return { text, options: [...jump, ...paletteEntries(found)], total: found.total, lines: found.results.length };
}

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return settled;
}

const optionId = (i: number) => `palette-option-${i}`;

/**
 * Makes the rest of the app inert while the palette is open (aria-modal alone stops neither the pointer nor a
 * screen reader's virtual cursor); the messages stay live. Returns what it changed, to undo.
 */
function inertBackground(palette: HTMLElement | null): HTMLElement[] {
  const app = palette?.parentElement;
  if (!app) return [];
  const others = [...app.children].filter((el): el is HTMLElement => el instanceof HTMLElement
    && el !== palette && !el.inert && !el.classList.contains('notes'));
  others.forEach((el) => (el.inert = true));
  return others;
}

/**
 * The global search (Ctrl-K / ⌘K): a combobox over /api/search's issues and linked documents, plus a jump to
 * the issue an id prefix names. Focus stays in the input (the options are aria-activedescendant targets), so
 * Tab is kept inside; closing gives focus back to whatever had it before.
 */
export function SearchPalette({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const overlay = useRef<HTMLDivElement>(null);
  const query = useDebounced(text.trim(), DEBOUNCE_MS);
  const found = useLoad((signal) => (query ? find(query, signal) : Promise.resolve(null)), [query]);
  const options = found.data?.options ?? [];
  // Enter typed before the results for the text have come (an id typed fast) opens the first of them.
  const [enterWhenReady, setEnterWhenReady] = useState(false);
  const ready = !found.loading && found.data?.text === text.trim();

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const background = inertBackground(overlay.current);
    input.current?.focus();
    return () => {
      background.forEach((el) => (el.inert = false));
      if (before?.isConnected) before.focus();
    };
  }, []);
  useEffect(() => setActive(0), [found.data]);
  useEffect(() => {
    if (enterWhenReady && ready) {
      setEnterWhenReady(false);
      choose(options[0]);
    }
  }, [enterWhenReady, ready]);
  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active, found.data]);

  const choose = (o: Option | undefined) => {
    if (!o) return;
    onClose();
    location.hash = o.href;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation(); // the palette's Escape, not the view's
      onClose();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      if (options.length) setActive((a) => (a + step + options.length) % options.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (ready) choose(options[active]);
      else setEnterWhenReady(true);
    } else if (e.key === 'Tab') {
      e.preventDefault(); // the input is the dialog's only stop: focus stays trapped in it
    }
  };

  const expanded = options.length > 0;
  const groups: [string, Option[]][] = [
    ['Go to', options.filter((o) => o.kind === 'jump')],
    ['Issues', options.filter((o) => o.kind === 'issue')],
    ['Documents', options.filter((o) => o.kind === 'document')],
  ];
  return (
    <div ref={overlay} class="overlay palette-overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div class="palette" role="dialog" aria-modal="true" aria-label="Search issues and documents">
        <input ref={input} class="palette-input" type="text" role="combobox" autoComplete="off" spellcheck={false}
          placeholder="Search issues and documents, or type an issue id…"
          aria-label="search issues and linked documents, or go to an issue id" aria-autocomplete="list"
          aria-expanded={expanded} aria-controls={expanded ? 'palette-list' : undefined}
          aria-activedescendant={expanded ? optionId(active) : undefined}
          value={text} onInput={(e) => { setText(e.currentTarget.value); setEnterWhenReady(false); }} onKeyDown={onKeyDown} />
        {expanded ? (
          <div id="palette-list" class="palette-list" role="listbox" aria-label="results">
            {groups.filter(([, list]) => list.length).map(([label, list]) => (
              <div key={label} role="group" aria-label={label} class="palette-group" data-label={label}>
                {list.map((o) => {
                  const i = options.indexOf(o);
                  return (
                    <div key={o.key} id={optionId(i)} role="option" aria-selected={i === active}
                      class={`palette-option${i === active ? ' active' : ''}`}
                      onMouseDown={(e) => e.preventDefault()} onMouseMove={() => setActive(i)} onClick={() => choose(o)}>
                      <OptionBody option={o} />
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
        ) : null}
        <PaletteStatus text={query} found={found.data} loading={found.loading} error={found.error} />
        <p class="palette-keys muted">
          <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close
        </p>
      </div>
    </div>
  );
}

function OptionBody({ option: o }: { option: Option }) {
  if (o.kind === 'jump') {
    return (
      <div class="option-head">
        <span class="option-kind">issue</span> <code>{shortId(o.issue.id)}</code> <span class="option-title">{o.issue.title}</span>
      </div>
    );
  }
  return (
    <>
      <div class="option-head">
        <span class="option-kind">{o.kind}</span>{' '}
        {o.kind === 'document'
          ? <><code class="option-title">{o.hit.path}</code> <span class="muted">linked from {shortId(o.issueId)} {o.title}</span></>
          : <><code>{shortId(o.issueId)}</code> <span class="option-title">{o.title}</span></>}
      </div>
      <HitLine hit={o.hit} />
      {o.more > 0 ? <div class="muted">+{o.more} more matching line{o.more === 1 ? '' : 's'}</div> : null}
    </>
  );
}

/** What the palette has to say in words: a hint, searching, nothing found, the API's error, the count. */
function PaletteStatus({ text, found, loading, error }: {
  text: string; found: Found | null; loading: boolean; error: string | null;
}) {
  if (error) return <p class="palette-status error-line" role="alert">Search failed: {error}</p>;
  let message: string;
  if (!text) message = 'Type words to search issues and their linked documents, or an issue id to go to it.';
  else if (!found || (loading && found.text !== text)) message = 'searching…';
  else if (found.options.length === 0) message = `No issue or document matches “${text}”.`;
  else message = `${found.options.length} result${found.options.length === 1 ? '' : 's'}`
    + (found.total > found.lines ? ` from the first ${found.lines} of ${found.total} matching lines` : '');
  return <p class="palette-status muted" role="status">{message}</p>;
}
