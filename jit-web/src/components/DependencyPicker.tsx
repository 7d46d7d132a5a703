// A combobox (ARIA 1.2 pattern: input role=combobox owning a listbox) that finds issues by id prefix or by
// words of their title, through the issues list's text query.
import { useEffect, useId, useState } from 'preact/hooks';
import { api } from '../api';
import { shortId } from '../format';
import type { Issue } from '../types';
import { StateBadge } from './common';
import { FieldError, useSave } from './edit';

const SHOWN = 8;
const TYPING_PAUSE_MS = 150;

export function DependencyPicker({ label, exclude, onPick, picked }: {
  /** The input's accessible name, e.g. "add dependency". */
  label: string;
  /** Ids that cannot be picked (the issue itself, those already linked). */
  exclude: string[];
  /** Makes the link; rejects with the API's refusal (a cycle, an unknown id), which is shown here. */
  onPick: (issue: Issue) => Promise<unknown>;
  /** What a successful pick is announced as; null: nothing (the create dialog only collects). */
  picked: ((issue: Issue) => string) | null;
}) {
  const [text, setText] = useState('');
  const [results, setResults] = useState<Issue[] | null>(null);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const { error, busy, save, clearError } = useSave();
  const listId = useId();
  const excluded = exclude.join(' ');

  useEffect(() => {
    const query = text.trim();
    if (!query) {
      setResults(null);
      return;
    }
    const ctrl = new AbortController();
    const timer = window.setTimeout(() => {
      api.findIssues(query, SHOWN + exclude.length, ctrl.signal).then((page) => {
        setResults(page.issues.filter((i) => !exclude.includes(i.id)).slice(0, SHOWN));
        setActive(0);
        setOpen(true);
      }, (e: Error) => {
        if (e.name !== 'AbortError') save(null, () => Promise.reject(e));
      });
    }, TYPING_PAUSE_MS);
    return () => {
      window.clearTimeout(timer);
      ctrl.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, excluded]);

  const options = results ?? [];
  const expanded = open && options.length > 0;
  const pick = async (issue: Issue) => {
    if (busy) return;
    setOpen(false);
    if (await save(picked ? picked(issue) : null, () => onPick(issue))) {
      setText('');
      setResults(null);
    }
  };

  return (
    <div class="picker">
      <input role="combobox" aria-label={label} aria-expanded={expanded} aria-controls={listId}
        aria-autocomplete="list" aria-activedescendant={expanded ? `${listId}-${active}` : undefined}
        placeholder="type a title or an id" value={text} aria-busy={busy} autoComplete="off"
        onInput={(e) => {
          setText(e.currentTarget.value);
          clearError();
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (!expanded) return setOpen(true);
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((a) => (a + step + options.length) % options.length);
          } else if (e.key === 'Enter') {
            e.preventDefault(); // a pick, never the surrounding form's submit
            if (expanded) pick(options[active]);
          } else if (e.key === 'Escape' && expanded) {
            e.stopPropagation(); // closes the list only, not the dialog around it
            setOpen(false);
          }
        }} />
      {/* Always in the page, so aria-controls names an element; hidden while there is nothing to offer. */}
      <ul id={listId} role="listbox" aria-label={`${label}: matching issues`} class="picker-options" hidden={!expanded}>
        {options.map((issue, i) => (
          <li key={issue.id} id={`${listId}-${i}`} role="option" aria-selected={i === active} data-option={issue.id}
            class={i === active ? 'active' : ''}
            onMouseDown={(e) => e.preventDefault() /* keeps the focus in the input */}
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(issue)}>
            <code>{shortId(issue.id)}</code> <span class="option-title">{issue.title}</span> <StateBadge state={issue.state} />
          </li>
        ))}
      </ul>
      {open && results !== null && options.length === 0 ? <p class="muted picker-empty">no other issue matches “{text.trim()}”</p> : null}
      <FieldError error={error} />
    </div>
  );
}
