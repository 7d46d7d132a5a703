// The new-issue dialog (n, + New): its editors (markdown, label chips, the dependency picker) load with it,
// not with the first page.
import { useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { Modal, runAction } from './common';
import { DependencyPicker } from './DependencyPicker';
import { LabelChips } from './LabelChips';
import { MarkdownEditor } from './MarkdownEditor';
import { shortId } from '../format';
import { issueHref } from '../route';
import { PRIORITIES, type Issue, type Priority } from '../types';

const splitList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

export default function CreateDialog({ onClose }: { onClose: () => void }) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [labels, setLabels] = useState<string[]>([]);
  const [dependencies, setDependencies] = useState<Issue[]>([]);
  const [gates, setGates] = useState('');
  const submitting = useRef(false);
  return (
    <Modal title="New issue" onClose={onClose}>
      <form class="stack" onSubmit={async (e) => {
        e.preventDefault();
        if (submitting.current) return; // the button stays enabled (and focused) while the create runs
        submitting.current = true;
        let created = '';
        // the dependencies are part of the create (one commit): no agent sees the issue ready without them
        const ok = await runAction('issue created', async () => {
          created = (await api.createIssue({
            title, description, priority, labels, gates: splitList(gates), dependencies: dependencies.map((d) => d.id),
          })).id;
        });
        if (!ok) {
          submitting.current = false;
          return;
        }
        onClose();
        location.hash = issueHref(created);
      }}>
        <label>title <input required value={title} onInput={(e) => setTitle(e.currentTarget.value)} /></label>
        <div class="field">
          <span class="field-label">description (markdown)</span>
          <MarkdownEditor label="description" value={description} onInput={setDescription} rows={5} />
        </div>
        <label>priority
          <select value={priority} onChange={(e) => setPriority(e.currentTarget.value as Priority)}>
            {PRIORITIES.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <div class="field">
          <span class="field-label">labels (namespace:value)</span>
          <LabelChips labels={labels} announce={false}
            onAdd={async (l) => setLabels((ls) => (ls.includes(l) ? ls : [...ls, l]))}
            onRemove={async (l) => setLabels((ls) => ls.filter((x) => x !== l))} />
        </div>
        <div class="field">
          <span class="field-label">depends on</span>
          {dependencies.length > 0 ? (
            <ul class="chip-list" aria-label="dependencies">
              {dependencies.map((d) => (
                <li key={d.id} class="label" data-dependency={d.id}>
                  <code>{shortId(d.id)}</code> {d.title}
                  <button type="button" class="chip-remove" aria-label={`remove dependency ${d.title}`}
                    onClick={() => setDependencies((ds) => ds.filter((x) => x.id !== d.id))}>×</button>
                </li>
              ))}
            </ul>
          ) : null}
          <DependencyPicker label="add dependency" exclude={dependencies.map((d) => d.id)} picked={null}
            onPick={async (d) => setDependencies((ds) => [...ds, d])} />
        </div>
        <label>gates (comma-separated keys) <input value={gates} onInput={(e) => setGates(e.currentTarget.value)} /></label>
        <div class="row"><button type="submit">create</button></div>
      </form>
    </Modal>
  );
}
