import { useEffect, useState } from 'preact/hooks';
import { api, getActor } from '../api';
import {
  BlockedBadge, ErrorLine, IssueLink, PriorityBadge, StateBadge, runAction, useLoad,
} from '../components/common';
import { Documents } from '../components/Documents';
import { isKnownEvent } from '../events';
import { describeEvent, formatTime, newestFirst } from '../format';
import { STATE_LABELS } from '../graphModel';
import { markInteractive } from '../interactive';
import { useLiveRefresh } from '../live';
import { renderMarkdown } from '../markdown';
import { formatRoute } from '../route';
import { STATES, type Issue, type JitEvent } from '../types';

/** Fields shown in their own sections; anything else the server sends is listed under "Other fields". */
const SHOWN = new Set(['id', 'title', 'description', 'state', 'priority', 'assignee', 'lease', 'dependencies',
  'gates_required', 'gates_status', 'context', 'documents', 'labels', 'created_at', 'updated_at', 'blocked',
  'dependents', 'blocked_reasons']);
const LINKED_LIMIT = 100;

/** `doc`: a linked document to show open, `find`: text to mark in it (`#/issue/<id>?doc=<path>&find=`, from search). */
export function IssueDetailView({ id, doc, find }: { id: string; doc?: string; find?: string }) {
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

  if (!load.data) {
    return load.error ? <ErrorLine error={load.error} retry={load.reload} /> : <p class="muted">loading…</p>;
  }
  const { issue, byId, events } = load.data;
  const reload = load.reload;
  const extra = Object.entries(issue).filter(([k]) => !SHOWN.has(k));

  return (
    <article class="detail" data-issue={issue.id}>
      <ErrorLine error={load.error} retry={reload} />
      <header class="detail-head">
        <div class="detail-id"><code>{issue.id}</code></div>
        <h1>{issue.title}</h1>
        <div class="detail-badges">
          <StateBadge state={issue.state} />
          <PriorityBadge priority={issue.priority} />
          {issue.blocked ? <BlockedBadge /> : null}
          <span class="assignee">{issue.assignee ? `@ ${issue.assignee}` : <span class="muted">unassigned</span>}</span>
          {issue.lease ? <span class="muted lease" title={`lease of ${issue.lease.ttl_secs} s, last renewed ${issue.lease.last_beat}`}>lease until {formatTime(issue.lease.expires_at)}</span> : null}
          {issue.labels.map((l) => <span key={l} class="label">{l}</span>)}
          <a class="muted" href={formatRoute({ view: 'graph', params: { focus: issue.id } })}>show in graph</a>
        </div>
      </header>

      <Actions issue={issue} reload={reload} />

      <div class="detail-grid">
        <section class="card description">
          <h2>Description</h2>
          {issue.description
            ? <div class="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(issue.description) }} />
            : <p class="muted">no description</p>}
        </section>

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
          <LinkedList ids={issue.dependencies} byId={byId}
            onRemove={(dep) => runAction(`removed dependency on ${dep.slice(0, 8)}`, () => api.removeDependency(issue.id, dep)).then(reload)} />
          <AddDependency issue={issue} reload={reload} />
          <h2>Needed by <span class="muted">{issue.dependents.length}</span></h2>
          <LinkedList ids={issue.dependents} byId={byId} />
        </section>

        <section class="card gates">
          <h2>Gates <span class="muted">{issue.gates_required.length}</span></h2>
          {issue.gates_required.length === 0 ? <p class="muted">no gates required</p> : (
            <table class="compact">
              <thead><tr><th>gate</th><th>status</th><th>by</th><th>when</th><th /></tr></thead>
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
                        <button onClick={() => runAction(`gate ${key} passed`, () => api.gate(issue.id, key, 'pass', getActor())).then(reload)}>pass</button>{' '}
                        <button onClick={() => runAction(`gate ${key} failed`, () => api.gate(issue.id, key, 'fail', getActor())).then(reload)}>fail</button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>

        <section class="card context">
          <h2>Context <span class="muted">{Object.keys(issue.context).length}</span></h2>
          {Object.keys(issue.context).length === 0 ? <p class="muted">no context</p> : (
            <dl class="kv">
              {Object.entries(issue.context).map(([k, v]) => [<dt key={`k${k}`}>{k}</dt>, <dd key={`v${k}`}>{v}</dd>])}
            </dl>
          )}
        </section>

        <Documents issue={issue} openPath={doc} find={find} />

        <section class="card fields">
          <h2>Fields</h2>
          <dl class="kv">
            <dt>created</dt><dd>{formatTime(issue.created_at)}</dd>
            <dt>updated</dt><dd>{formatTime(issue.updated_at)}</dd>
            <dt>labels</dt><dd>{issue.labels.join(', ') || '—'}</dd>
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

function LinkedList({ ids, byId, onRemove }: { ids: string[]; byId: Map<string, Issue>; onRemove?: (id: string) => void }) {
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
            {onRemove ? <button class="icon" title="remove dependency" aria-label={`remove dependency ${d}`} onClick={() => onRemove(d)}>×</button> : null}
          </li>
        );
      })}
    </ul>
  );
}

function AddDependency({ issue, reload }: { issue: Issue; reload: () => void }) {
  const [dep, setDep] = useState('');
  return (
    <form class="inline-form" onSubmit={async (e) => {
      e.preventDefault();
      if (dep.trim() && await runAction(`now depends on ${dep.trim()}`, () => api.addDependency(issue.id, dep.trim()))) setDep('');
      reload();
    }}>
      <input placeholder="issue id (4+ chars)" aria-label="add dependency" value={dep} onInput={(e) => setDep(e.currentTarget.value)} />
      <button type="submit">add dependency</button>
    </form>
  );
}

function Actions({ issue, reload }: { issue: Issue; reload: () => void }) {
  const [state, setState] = useState(issue.state);
  const [assignee, setAssignee] = useState(getActor());
  const [reason, setReason] = useState('');
  useEffect(() => setState(issue.state), [issue.state]);
  return (
    <div class="actions" aria-label="actions">
      <form class="inline-form" onSubmit={(e) => {
        e.preventDefault();
        runAction(`state set to ${STATE_LABELS[state]}`, () => api.updateIssue(issue.id, { state })).then(reload);
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
