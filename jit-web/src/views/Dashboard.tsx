import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorLine, IssueLink, PriorityBadge, StateBadge, useLoad, BlockedBadge } from '../components/common';
import { agentsFrom, isStale, leaseLeft, loadStaleHours, readyByPriority, saveStaleHours, titlesFrom } from '../dashboardModel';
import { describeEvent, formatTime, newestFirst, since } from '../format';
import { STATE_LABELS } from '../graphModel';
import { markInteractive } from '../interactive';
import { useLiveEvents, useLiveRefresh } from '../live';
import { formatRoute } from '../route';
import { STATES, type Issue, type JitEvent } from '../types';

const RECENT = 25;

/**
 * Titles for the feed's issue ids: from the issues and events already loaded, and for the rest one request
 * per id, once (a deleted issue keeps its id only).
 */
function useTitles(known: Map<string, string>, ids: string[]): Map<string, string> {
  const fetched = useRef(new Map<string, string>());
  const asked = useRef(new Set<string>());
  const [, rerender] = useState(0);
  const missing = ids.filter((id) => !known.has(id) && !fetched.current.has(id) && !asked.current.has(id));
  useEffect(() => {
    if (missing.length === 0) return;
    missing.forEach((id) => asked.current.add(id));
    Promise.all(missing.map((id) => api.issue(id).then((i) => fetched.current.set(id, i.title), () => undefined)))
      .then(() => rerender((n) => n + 1));
  }, [missing.join(',')]);
  return new Map([...fetched.current, ...known]);
}

export function Dashboard() {
  const load = useLoad(async (signal) => {
    const [status, ready, held, claims, assigns, recent] = await Promise.all([
      api.status(signal),
      api.ready(signal),
      api.issues('state=in_progress,gated&limit=500', signal),
      api.events('type=issue_claimed&limit=1000', signal),
      api.events('type=issue_assigned&limit=1000', signal),
      api.events(`limit=${RECENT}`, signal),
    ]);
    return { status, ready, held, claimEvents: [...claims.events, ...assigns.events], recent: recent.events };
  }, []);
  const [feed, setFeed] = useState<JitEvent[]>([]);
  const [now, setNow] = useState(Date.now());
  const [staleHours, setStaleHours] = useState(loadStaleHours);
  const known = load.data ? titlesFrom([...load.data.ready.issues, ...load.data.held.issues], feed) : new Map<string, string>();
  const titles = useTitles(known, feed.map((e) => e.issue_id).filter((id): id is string => !!id));

  useLiveRefresh(load.reload);
  useLiveEvents((e) => setFeed((f) => [e, ...f].slice(0, RECENT)));
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 30000);
    return () => window.clearInterval(t);
  }, []);
  useEffect(() => {
    if (load.data) {
      setFeed(newestFirst(load.data.recent).slice(0, RECENT));
      markInteractive('dashboard');
    }
  }, [load.data]);

  if (!load.data) {
    return (
      <>
        <h1 class="sr-only">Dashboard</h1>
        {load.error ? <ErrorLine error={load.error} retry={load.reload} /> : <p class="muted">loading…</p>}
      </>
    );
  }
  const { status, ready, held, claimEvents } = load.data;
  const agents = agentsFrom(held.issues, claimEvents);
  const staleCount = agents.reduce((n, a) => n + a.issues.filter((h) => isStale(h.since, now, staleHours)).length, 0);

  return (
    <div class="dashboard">
      <h1 class="sr-only">Dashboard</h1>
      <ErrorLine error={load.error} retry={load.reload} />
      <section class="card counts" aria-label="issues by state">
        <h2>Issues <span class="muted">{status.total} total</span></h2>
        <div class="count-grid">
          {STATES.map((s) => (
            <a key={s} class={`count state-${s}`} href={formatRoute({ view: 'issues', params: { state: s } })} data-state={s}>
              <span class="count-n">{status[s] ?? 0}</span>
              <span class="count-label">{STATE_LABELS[s]}</span>
            </a>
          ))}
          <a class="count blocked" href={formatRoute({ view: 'issues', params: { blocked: 'true' } })} data-state="blocked">
            <span class="count-n">{status.blocked ?? 0}</span>
            <span class="count-label">blocked</span>
          </a>
        </div>
      </section>

      <section class="card ready" aria-label="ready queue">
        <h2>Ready queue <span class="muted">{ready.issues.length}</span></h2>
        {ready.issues.length === 0 ? <p class="muted">nothing is ready</p> : (
          readyByPriority(ready.issues).filter((g) => g.issues.length > 0).map((g) => (
            <div key={g.priority} class="ready-group">
              <h3><PriorityBadge priority={g.priority} /> <span class="muted">{g.issues.length}</span></h3>
              <ul class="plain">
                {g.issues.slice(0, 10).map((i) => (
                  <li key={i.id}><IssueLink id={i.id} title={i.title} /></li>
                ))}
                {g.issues.length > 10 ? (
                  <li><a href={formatRoute({ view: 'issues', params: { state: 'ready', priority: g.priority } })}>
                    … {g.issues.length - 10} more</a></li>
                ) : null}
              </ul>
            </div>
          ))
        )}
      </section>

      <section class="card agents" aria-label="agents">
        <h2>Agents <span class="muted">{agents.length}</span>
          {staleCount > 0 ? <span class="badge stale">{staleCount} stale</span> : null}</h2>
        <label class="stale-setting muted">flag holds older than{' '}
          <input type="number" min={0.01} step="any" value={staleHours} aria-label="stale after hours"
            onChange={(e) => {
              const h = Number(e.currentTarget.value);
              if (Number.isFinite(h) && h > 0) {
                setStaleHours(saveStaleHours(h));
                setNow(Date.now());
              }
            }} /> h
        </label>
        {agents.length === 0 ? <p class="muted">no issue is held</p> : (
          <table class="compact">
            <thead><tr><th>agent</th><th>holds</th><th>state</th><th>for</th><th>lease</th></tr></thead>
            <tbody>
              {agents.flatMap((a) => a.issues.map((h, idx) => {
                const stale = isStale(h.since, now, staleHours);
                return (
                  <tr key={`${a.agent}/${h.issue.id}`} data-agent={a.agent} class={stale ? 'stale-row' : ''}>
                    <td class="nowrap">{idx === 0 ? <strong>{a.agent}</strong> : null}</td>
                    <td><IssueLink id={h.issue.id} title={h.issue.title} />{h.issue.blocked ? <> <BlockedBadge /></> : null}</td>
                    <td><StateBadge state={h.issue.state} /></td>
                    <td class="nowrap" title={formatTime(h.since)}>{since(h.since, now)}
                      {stale ? <> <span class="badge stale" title={`held longer than ${staleHours} h`}>stale</span></> : null}</td>
                    <td class="nowrap"><LeaseLeft issue={h.issue} now={now} /></td>
                  </tr>
                );
              }))}
            </tbody>
          </table>
        )}
      </section>

      <section class="card events" aria-label="recent events">
        <h2>Recent events</h2>
        <ol class="timeline">
          {feed.map((e) => (
            <li key={e.id}>
              <time title={formatTime(e.timestamp)}>{since(e.timestamp, now)} ago</time>
              {e.issue_id ? <IssueLink id={e.issue_id} title={titles.get(e.issue_id)} /> : null}
              <span class="event-text">{describeEvent(e)}</span>
              {e.actor ? <span class="muted"> · {e.actor}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function LeaseLeft({ issue, now }: { issue: Issue; now: number }) {
  if (!issue.lease) return <span class="muted" title="claimed without a time limit">none</span>;
  const left = leaseLeft(issue.lease.expires_at, now);
  return (
    <span class={left === null ? 'blocked' : ''} title={`lease of ${issue.lease.ttl_secs} s, last renewed ${formatTime(issue.lease.last_beat)}`}>
      {left === null ? 'expired' : `${left} left`}
    </span>
  );
}
