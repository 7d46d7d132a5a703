// Building blocks of editing in place: a save that keeps the API's refusal next to the control it
// concerns, and a single-line field that turns into an input (Enter saves, Esc cancels).
import type { ComponentChildren, Ref } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useWritable } from '../session';
import { describeError, notify } from './common';

export interface Save {
  /** The API's refusal of the last attempt, in words; null once one succeeded. */
  error: string | null;
  busy: boolean;
  /** Runs `action` (unless one is running); on success announces `done` (if given) and returns true, else keeps the error. */
  save: (done: string | null, action: () => Promise<unknown>) => Promise<boolean>;
  clearError: () => void;
}

export function useSave(): Save {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Controls are not disabled while saving (a disabled control drops the keyboard focus); a second
  // attempt during a save is ignored instead.
  const inFlight = useRef(false);
  const save = useCallback(async (done: string | null, action: () => Promise<unknown>) => {
    if (inFlight.current) return false;
    inFlight.current = true;
    setBusy(true);
    try {
      await action();
      setError(null);
      if (done) notify('ok', done);
      return true;
    } catch (e) {
      setError(describeError(e));
      return false;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { error, busy, save, clearError };
}

export function FieldError({ error }: { error: string | null }) {
  return error ? <p class="field-error" role="alert">{error}</p> : null;
}

/** The pencil button that opens an editor; its accessible name says what it edits. */
export function EditButton({ what, onClick, buttonRef }: {
  what: string; onClick: () => void; buttonRef?: Ref<HTMLButtonElement>;
}) {
  // a server that takes no writes offers no editors
  if (!useWritable()) return null;
  return (
    <button type="button" class="edit-btn" aria-label={`edit ${what}`} title={`edit ${what}`} onClick={onClick} ref={buttonRef}>
      ✎
    </button>
  );
}

/**
 * An editor's state: the draft (null while not editing), the save that keeps the API's refusal, cancel (drops
 * the draft and the refusal) and the ref for the edit button, which gets the focus back when editing ends.
 */
export function useDraft() {
  const [draft, setDraft] = useState<string | null>(null);
  const { error, save, clearError } = useSave();
  const editRef = useFocusAfterEdit(draft !== null);
  const cancel = () => {
    setDraft(null);
    clearError();
  };
  return { draft, setDraft, error, save, cancel, editRef };
}

/** Focuses the element behind `ref` whenever `editing` turns false again (after save or cancel). */
export function useFocusAfterEdit(editing: boolean) {
  const ref = useRef<HTMLButtonElement>(null);
  const was = useRef(editing);
  useEffect(() => {
    if (was.current && !editing) ref.current?.focus();
    was.current = editing;
  }, [editing]);
  return ref;
}

/**
 * A single-line value shown as `children` with an edit button; editing shows an input where Enter saves and
 * Esc cancels. `onSave` gets the trimmed text and rejects with the API's error, which stays shown.
 */
export function InlineText({ what, value, onSave, children, inputClass }: {
  what: string;
  value: string;
  onSave: (text: string) => Promise<unknown>;
  children: ComponentChildren;
  inputClass?: string;
}) {
  const { draft, setDraft, error, save, cancel, editRef } = useDraft();
  if (draft === null) {
    return <span class="inline-value">{children}<EditButton what={what} onClick={() => setDraft(value)} buttonRef={editRef} /></span>;
  }
  return (
    <form class="inline-edit" onSubmit={async (e) => {
      e.preventDefault();
      const text = draft.trim();
      if (text === value || await save(`${what} saved`, () => onSave(text))) setDraft(null);
    }}>
      <input class={inputClass} aria-label={what} value={draft} autoFocus
        onInput={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation(); // Esc here cancels the edit, not the page's shortcut
            cancel();
          }
        }} />
      <button type="submit">save</button>
      <button type="button" onClick={cancel}>cancel</button>
      <FieldError error={error} />
    </form>
  );
}
