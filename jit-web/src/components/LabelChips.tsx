import { useState } from 'preact/hooks';
import { useWritable } from '../session';
import { FieldError, useSave } from './edit';

/**
 * Labels as chips with remove buttons and an input that adds one (namespace:value; the API says what is
 * wrong with one it refuses). `onAdd` and `onRemove` reject with the API's error, which is shown here.
 */
export function LabelChips({ labels, onAdd, onRemove, announce = true }: {
  labels: string[];
  onAdd: (label: string) => Promise<unknown>;
  onRemove: (label: string) => Promise<unknown>;
  /** Whether a saved change is announced (not in the create dialog, where nothing is saved yet). */
  announce?: boolean;
}) {
  const [text, setText] = useState('');
  const { error, save } = useSave();
  const writable = useWritable();
  const add = async () => {
    const label = text.trim();
    if (label && await save(announce ? `label ${label} added` : null, () => onAdd(label))) setText('');
  };
  return (
    <div class="label-chips">
      <ul class="chip-list" aria-label="labels">
        {labels.map((l) => (
          <li key={l} class="label" data-label={l}>
            {l}
            {writable ? (
              <button type="button" class="chip-remove" aria-label={`remove label ${l}`}
                onClick={() => save(announce ? `label ${l} removed` : null, () => onRemove(l))}>×</button>
            ) : null}
          </li>
        ))}
      </ul>
      {writable ? <span class="chip-add">
        <input aria-label="add label" placeholder="namespace:value" value={text} size={16}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault(); // not the surrounding form's submit
              add();
            }
          }} />
        <button type="button" onClick={add}>add label</button>
      </span> : null}
      <FieldError error={error} />
    </div>
  );
}
