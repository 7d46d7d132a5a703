import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import {
  BlockedBadge, ErrorLine, IssueLink, PriorityBadge, StateBadge, runAction, useLoad,
} from '../components/common';
import { DependencyPicker } from '../components/DependencyPicker';
import { Documents } from '../components/Documents';
import { EditButton, FieldError, InlineText, useDraft, useSave } from '../components/edit';
import { LabelChips } from '../components/LabelChips';
import { MarkdownEditor } from '../components/MarkdownEditor';
import { isKnownEvent } from '../events';
import { moveMessage } from '../boardModel';
import { describeEvent, formatTime, newestFirst, shortId } from '../format';
import { STATE_LABELS } from '../graphModel';
import { markInteractive } from '../interactive';
import { useLiveRefresh } from '../live';
import { renderMarkdown } from '../markdown';
import { formatRoute } from '../route';
import { useActor, useWritable } from '../session';
import { PRIORITIES, STATES, type Issue, type IssueEdit, type JitEvent, type Priority } from '../types';

/** Fields shown in their own sections; anything else the server sends is listed under "Other fields". */
const SHOWN = new Set(['id', 'title', 'description', 'state', 'priority', 'assignee', 'lease', 'dependencies',
  'gates_required', 'gates_status', 'context', 'documents', 'labels', 'created_at', 'updated_at', 'blocked',
  'dependents', 'blocked_reasons']);
const LINKED_LIMIT = 100;

/** `doc`: a linked document to show open, `find`: text to mark in it (`#/issue/<id>?doc=<path>&find=`, from search). */
export function IssueDetailView({ id, doc, find }: { id: string; doc?: string; find?: string }) {
  const writable = useWritable();
  const load = useLoad(async (signal) => {
    const issue = await api.issue(id, signal);
    const linked = [...new Set([...issue.dependencies, ...issue.dependents])].slice(0, LINKED_LIMIT);
    const [related, events] = await Promise.all([
      Promise.all(linked.map((d) => api.issue(d, signal).catch(() => null))),
      api.events(`issue=${encodeURIComponent(issue.id)}&limit=500`, signal).catch(() => ({ events: [] as JitEvent[] })),
    ]);
    const byId = new Map<string, Issue>();
    related.forEach((r) => r && byId.set(r.id, r));
    return { issue, byId, events: newestFirst(events.events) };
  }, [id]);
  const issueId = load.data?.issue.id;
  useLiveRefresh(load.reload, (e) => !issueId || e.issue_id === issueId
    || (!!e.issue_id && !!load.data?.byId.has(e.issue_id))
    || (isKnownEvent(e) && (e.type === 'dependency_added' || e.type === 'dependency_removed')
      && e.dependency_id === issueId));
  useEffect(() => {
    if (load.data) {
      markInteractive('issue');
      document.title = `${load.data.issue.title} · jit`;
    }
    return () => void (document.title = 'jit');
  }, [load.data]);

  // The data of the issue shown before this route (useLoad keeps it while loading) is never shown under
  // another id: a link to an unknown id gets a page of its own.
  const current = load.data && load.data.issue.id.startsWith(id.toLowerCase()) ? load.data : null;
  if (!current) {
    return load.error && !load.loading ? <NotFound id={id} error={load.error} retry={load.reload} /> : <p class="muted">loading…</p>;
  }
  const { issue, byId, events } = current;
  const reload = load.reload;
  const extra = Object.entries(issue).filter(([k]) => !SHOWN.has(k));
  // Every edit is one PATCH; a refusal rejects and is shown by the editor that asked.
  const edit = (body: IssueEdit) => api.updateIssue(issue.id, body).then(reload);

  return (
    <article class="detail" data-issue={issue.id}>
      <ErrorLine error={load.error} retry={reload} />
      <header class="detail-head">
        <div class="detail-id"><code>{issue.id}</code></div>
        <InlineText what="title" value={issue.title} inputClass="title-input" onSave={(title) => edit({ title })}>
          <h1>{issue.title}</h1>
        </InlineText>
        <div class="detail-badges">
          <StateBadge state={issue.state} />
          <PrioritySelect priority={issue.priority} onSave={(priority) => edit({ priority })} />
          {issue.blocked ? <BlockedBadge /> : null}
          <AssigneeEditor assignee={issue.assignee} edit={edit} />
          {issue.lease ? <span class="muted lease" title={`lease of ${issue.lease.ttl_secs} s, last renewed ${issue.lease.last_beat}`}>lease until {formatTime(issue.lease.expires_at)}</span> : null}
          <a class="muted" href={formatRoute({ view: 'graph', params: { focus: issue.id } })}>show in graph</a>
        </div>
        <LabelChips labels={issue.labels} onAdd={(l) => edit({ add_labels: [l] })} onRemove={(l) => edit({ remove_labels: [l] })} />
      </header>

      {writable ? <Actions issue={issue} reload={reload} /> : null}

      <div class="detail-grid">
        <DescriptionCard description={issue.description} onSave={(description) => edit({ description })} />

        {issue.blocked_reasons.length > 0 ? (
          <section class="card blocked-reasons">
            <h2>Blocked because</h2>
            <ul class="plain">
              {issue.blocked_reasons.map((r) => (
                <li key={`${r.type}/${r.target}`}>
                  <span class="badge blocked">{r.type}</span>{' '}
                  {r.type === 'dependency' ? <IssueLink id={r.target} title={byId.get(r.target)?.title} /> : <code>{r.target}</code>}{' '}
                  <span class="muted">{r.status}</span> — {r.detail}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section class="card deps">
          <h2>Depends on <span class="muted">{issue.dependencies.length}</span></h2>
          <LinkedList ids={issue.dependencies} byId={byId} what="dependency"
            onRemove={writable ? (dep) => runAction(`removed dependency on ${dep.slice(0, 8)}`, () => api.removeDependency(issue.id, dep)).then(reload) : undefined} />
          {writable ? (
            <DependencyPicker label="add dependency" exclude={[issue.id, ...issue.dependencies]}
              picked={(other) => `now depends on ${other.title}`}
              onPick={(other) => api.addDependency(issue.id, other.id).then(reload)} />
          ) : null}
          <h2>Needed by <span class="muted">{issue.dependents.length}</span></h2>
          <LinkedList ids={issue.dependents} byId={byId} what="dependent"
            onRemove={writable ? (dependent) => runAction(`${dependent.slice(0, 8)} no longer depends on this issue`, () => api.removeDependency(dependent, issue.id)).then(reload) : undefined} />
          {writable ? (
            <DependencyPicker label="add an issue this one blocks" exclude={[issue.id, ...issue.dependents]}
              picked={(other) => `${other.title} now depends on this issue`}
              onPick={(other) => api.addDependency(other.id, issue.id).then(reload)} />
          ) : null}
        </section>

        <GatesCard issue={issue} reload={reload} edit={edit} />

        <ContextCard context={issue.context} edit={edit} />

        <Documents issue={issue} openPath={doc} find={find} />

        <section class="card fields">
          <h2>Fields</h2>
          <dl class="kv">
            <dt>created</dt><dd>{formatTime(issue.created_at)}</dd>
            <dt>updated</dt><dd>{formatTime(issue.updated_at)}</dd>
            {extra.map(([k, v]) => [<dt key={`k${k}`}>{k}</dt>, <dd key={`v${k}`}><code>{JSON.stringify(v)}</code></dd>])}
          </dl>
        </section>

        <section class="card timeline-card">
          <h2>Timeline <span class="muted">{events.length}</span></h2>
          <ol class="timeline">
            {events.map((e) => (
              <li key={e.id}>
                <time>{formatTime(e.timestamp)}</time>
                <span class="event-text">{describeEvent(e)}</span>
                {e.actor ? <span class="muted"> · {e.actor}</span> : null}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </article>
  );
}

function LinkedList({ ids, byId, what, onRemove }: {
  ids: string[]; byId: Map<string, Issue>; what: string; onRemove?: (id: string) => void;
}) {
  if (ids.length === 0) return <p class="muted">none</p>;
  return (
    <ul class="plain linked">
      {ids.map((d) => {
        const other = byId.get(d);
        return (
          <li key={d} data-linked={d}>
            <IssueLink id={d} title={other?.title} />{' '}
            {other ? <StateBadge state={other.state} /> : <span class="muted">not loaded</span>}
            {other?.blocked ? <> <BlockedBadge /></> : null}
            {onRemove ? <button class="icon" title={`remove ${what}`} aria-label={`remove ${what} ${other?.title ?? d}`} onClick={() => onRemove(d)}>×</button> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** The page for an id that names no issue (or more than one): it replaces whatever was shown before. */
function NotFound({ id, error, retry }: { id: string; error: string; retry: () => void }) {
  return (
    <article class="detail not-found">
      <h1>No issue <code>{id}</code></h1>
      <ErrorLine error={error} retry={retry} />
      <p><a href={formatRoute({ view: 'issues', params: {} })}>All issues</a></p>
    </article>
  );
}

/** The toast for a gate verdict names the state the issue is in afterwards (a last pass may complete it). */
function gateOutcome(key: string, verdict: string, issue: Issue): string {
  return `gate ${key} ${verdict}; the issue is ${STATE_LABELS[issue.state]}`;
}

function Actions({ issue, reload }: { issue: Issue; reload: () => void }) {
  const actor = useActor();
  const [state, setState] = useState(issue.state);
  const [assignee, setAssignee] = useState(actor);
  const [reason, setReason] = useState('');
  useEffect(() => setState(issue.state), [issue.state]);
  useEffect(() => setAssignee(actor), [actor]);
  return (
    <div class="actions" aria-label="actions">
      <form class="inline-form" onSubmit={(e) => {
        e.preventDefault();
        // the message names the state the API reports, which may differ from the one asked for
        runAction((i: Issue) => moveMessage(shortId(issue.id), issue.state, state, i.state), () => api.updateIssue(issue.id, { state })).then(reload);
      }}>
        <select aria-label="new state" value={state} onChange={(e) => setState(e.currentTarget.value as Issue['state'])}>
          {STATES.map((s) => <option key={s} value={s}>{STATE_LABELS[s]}</option>)}
        </select>
        <button type="submit" disabled={state === issue.state}>change state</button>
      </form>
      {issue.assignee ? (
        <form class="inline-form" onSubmit={(e) => {
          e.preventDefault();
          runAction('released', () => api.release(issue.id, reason.trim() || 'released from the web UI')).then(reload);
        }}>
          <input aria-label="release reason" placeholder="reason (optional)" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="submit">release</button>
        </form>
      ) : (
        <form class="inline-form" onSubmit={(e) => {
          e.preventDefault();
          runAction(`claimed by ${assignee}`, () => api.claim(issue.id, assignee)).then(reload);
        }}>
          <input aria-label="assignee" value={assignee} onInput={(e) => setAssignee(e.currentTarget.value)} />
          <button type="submit">claim</button>
        </form>
      )}
    </div>
  );
}

type Edit = (body: IssueEdit) => Promise<unknown>;

function PrioritySelect({ priority, onSave }: { priority: Priority; onSave: (p: Priority) => Promise<unknown> }) {
  const { error, save } = useSave();
  if (!useWritable()) return <PriorityBadge priority={priority} />;
  return (
    <span class="priority-edit">
      <select aria-label="priority" class="prio-select" value={priority}
        onChange={(e) => {
          const next = e.currentTarget.value as Priority;
          save(`priority set to ${next}`, () => onSave(next));
        }}>
        {PRIORITIES.map((p) => <option key={p} value={p}>{p}</option>)}
      </select>
      <FieldError error={error} />
    </span>
  );
}

/** Sets the assignee without a lease (a claim, below, also moves the issue to in progress) or clears it. */
function AssigneeEditor({ assignee, edit }: { assignee: string | null; edit: Edit }) {
  const { error, save } = useSave();
  const writable = useWritable();
  return (
    <span class="assignee">
      <InlineText what="assignee" value={assignee ?? ''} onSave={(name) => edit(name ? { assignee: name } : { unassign: true })}>
        {assignee ? `@ ${assignee}` : <span class="muted">unassigned</span>}
      </InlineText>
      {assignee && writable ? (
        <button type="button" class="small-btn"
          onClick={() => save(`${assignee} unassigned`, () => edit({ unassign: true }))}>unassign</button>
      ) : null}
      <FieldError error={error} />
    </span>
  );
}

function DescriptionCard({ description, onSave }: { description: string; onSave: (text: string) => Promise<unknown> }) {
  const { draft, setDraft, error, save, cancel, editRef } = useDraft();
  return (
    <section class="card description">
      <h2>Description {draft === null ? <EditButton what="description" onClick={() => setDraft(description)} buttonRef={editRef} /> : null}</h2>
      {draft !== null ? (
        <form class="stack" onSubmit={async (e) => {
          e.preventDefault();
          if (draft === description || await save('description saved', () => onSave(draft))) setDraft(null);
        }}>
          <MarkdownEditor label="description" value={draft} onInput={setDraft} onEscape={cancel} rows={10} autoFocus />
          <div class="row">
            <button type="submit">save description</button>
            <button type="button" onClick={cancel}>cancel</button>
          </div>
          <FieldError error={error} />
        </form>
      ) : description
        ? <div class="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(description) }} />
        : <p class="muted">no description</p>}
    </section>
  );
}

function GatesCard({ issue, reload, edit }: { issue: Issue; reload: () => void; edit: Edit }) {
  const actor = useActor();
  const writable = useWritable();
  // Verdicts only while the issue is open; a recorded verdict is not offered again.
  const verdicts = writable && (issue.state === 'backlog' || issue.state === 'ready' || issue.state === 'in_progress' || issue.state === 'gated');
  const registry = useLoad((signal) => api.gates(signal), []);
  useLiveRefresh(registry.reload, (e) => e.type === 'gate_defined' || e.type === 'gate_undefined');
  const { error, save } = useSave();
  const [adding, setAdding] = useState('');
  const addable = (registry.data?.gates ?? []).filter((g) => !issue.gates_required.includes(g.key));
  const chosen = addable.some((g) => g.key === adding) ? adding : addable[0]?.key ?? '';
  return (
    <section class="card gates">
      <h2>Gates <span class="muted">{issue.gates_required.length}</span></h2>
      {issue.gates_required.length === 0 ? <p class="muted">no gates required</p> : (
        <table class="compact">
          <thead><tr><th>gate</th><th>status</th><th>by</th><th>when</th><th><span class="visually-hidden">actions</span></th></tr></thead>
          <tbody>
            {issue.gates_required.map((key) => {
              const g = issue.gates_status[key];
              const status = g?.status ?? 'pending';
              return (
                <tr key={key} data-gate={key}>
                  <td><code>{key}</code></td>
                  <td><span class={`badge gate-${status}`}>{status}</span></td>
                  <td>{g?.updated_by ?? '—'}</td>
                  <td class="nowrap">{formatTime(g?.updated_at)}</td>
                  <td class="nowrap">
                    {verdicts && status !== 'passed' ? <button onClick={() => runAction((i: Issue) => gateOutcome(key, 'passed', i), () => api.gate(issue.id, key, 'pass', actor)).then(reload)}>pass</button> : null}{' '}
                    {verdicts && status !== 'failed' ? <button onClick={() => runAction((i: Issue) => gateOutcome(key, 'failed', i), () => api.gate(issue.id, key, 'fail', actor)).then(reload)}>fail</button> : null}{' '}
                    {writable ? (
                      <button class="icon" aria-label={`remove gate ${key}`} title="no longer require this gate"
                        onClick={() => save(`gate ${key} removed`, () => edit({ remove_gates: [key] }))}>×</button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {!writable ? null : addable.length > 0 ? (
        <form class="inline-form" onSubmit={(e) => {
          e.preventDefault();
          if (chosen) save(`gate ${chosen} required`, () => edit({ add_gates: [chosen] }));
        }}>
          <select aria-label="gate to add" value={chosen} onChange={(e) => setAdding(e.currentTarget.value)}>
            {addable.map((g) => <option key={g.key} value={g.key}>{g.key} — {g.title}</option>)}
          </select>
          <button type="submit">add gate</button>
        </form>
      ) : registry.data ? <p class="muted">{registry.data.gates.length === 0 ? 'the registry defines no gates' : 'every registered gate is required'}</p> : null}
      <FieldError error={error ?? registry.error} />
    </section>
  );
}

function ContextCard({ context, edit }: { context: Record<string, string>; edit: Edit }) {
  const writable = useWritable();
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const { error, save } = useSave();
  const entries = Object.entries(context);
  return (
    <section class="card context">
      <h2>Context <span class="muted">{entries.length}</span></h2>
      {entries.length === 0 ? <p class="muted">no context</p> : (
        <dl class="kv context-kv">
          {entries.map(([k, v]) => [
            <dt key={`k${k}`}>{k}</dt>,
            <dd key={`v${k}`} data-context={k}>
              <span>{v}</span>
              {writable ? (
                <button type="button" class="icon" aria-label={`remove context ${k}`}
                  onClick={() => save(`context ${k} removed`, () => edit({ unset_context: [k] }))}>×</button>
              ) : null}
            </dd>,
          ])}
        </dl>
      )}
      {writable ? <form class="inline-form context-add" onSubmit={async (e) => {
        e.preventDefault();
        const k = key.trim();
        if (k && await save(`context ${k} set`, () => edit({ context: { [k]: value } }))) {
          setKey('');
          setValue('');
        }
      }}>
        <input aria-label="context key" placeholder="key" size={12} value={key} onInput={(e) => setKey(e.currentTarget.value)} />
        <span aria-hidden="true">=</span>
        <input aria-label="context value" placeholder="value" size={18} value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        <button type="submit">set context</button>
      </form> : null}
      <FieldError error={error} />
    </section>
  );
}
