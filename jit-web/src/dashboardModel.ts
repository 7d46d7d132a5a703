import { isKnownEvent } from './events';
import { formatDuration } from './format';
import type { Issue, JitEvent, Priority } from './types';
import { PRIORITIES } from './types';

export interface AgentWork {
  agent: string;
  issues: { issue: Issue; since: string | null }[];
}

/** When each issue was last claimed by or assigned to each assignee: look up with `claimKey`. */
export type ClaimTimes = Map<string, string>;

export const claimKey = (issueId: string, assignee: string) => `${issueId}\u0000${assignee}`;

/** The latest claim/assignment time per issue and assignee in `claimEvents` (other events are ignored). */
export function latestClaims(claimEvents: JitEvent[]): ClaimTimes {
  const claimedAt: ClaimTimes = new Map();
  for (const e of claimEvents) {
    if (!isKnownEvent(e) || (e.type !== 'issue_claimed' && e.type !== 'issue_assigned') || !e.issue_id) continue;
    const key = claimKey(e.issue_id, e.assignee);
    const prev = claimedAt.get(key);
    if (!prev || Date.parse(e.timestamp) > Date.parse(prev)) claimedAt.set(key, e.timestamp);
  }
  return claimedAt;
}

/**
 * Who holds what, and since when. "Since" is the latest claim/assignment of that issue to that agent in
 * the event log, falling back to the issue's last update when the log has no such event.
 */
export function agentsFrom(held: Issue[], claimEvents: JitEvent[]): AgentWork[] {
  const claimedAt = latestClaims(claimEvents);
  const byAgent = new Map<string, AgentWork>();
  for (const issue of held) {
    if (!issue.assignee) continue;
    const work = byAgent.get(issue.assignee) ?? { agent: issue.assignee, issues: [] };
    work.issues.push({
      issue,
      since: claimedAt.get(claimKey(issue.id, issue.assignee)) ?? issue.updated_at ?? null,
    });
    byAgent.set(issue.assignee, work);
  }
  const oldest = (w: AgentWork) => Math.min(...w.issues.map((i) => (i.since ? Date.parse(i.since) : Infinity)));
  return [...byAgent.values()]
    .map((w) => ({ ...w, issues: [...w.issues].sort((a, b) => (Date.parse(a.since ?? '') || 0) - (Date.parse(b.since ?? '') || 0)) }))
    .sort((a, b) => oldest(a) - oldest(b) || a.agent.localeCompare(b.agent));
}

/** Ready issues grouped by priority, most urgent group first; empty groups are kept so the layout is stable. */
export function readyByPriority(ready: Issue[]): { priority: Priority; issues: Issue[] }[] {
  return PRIORITIES.map((priority) => ({ priority, issues: ready.filter((i) => i.priority === priority) }));
}

/** Holds older than this many hours are flagged on the dashboard; the lead can change it (kept per browser). */
export const DEFAULT_STALE_HOURS = 24;
const STALE_KEY = 'jit-stale-hours';

export function loadStaleHours(): number {
  const h = Number(localStorage.getItem(STALE_KEY));
  return Number.isFinite(h) && h > 0 ? h : DEFAULT_STALE_HOURS;
}

export function saveStaleHours(hours: number): number {
  localStorage.setItem(STALE_KEY, String(hours));
  return hours;
}

export function isStale(since: string | null, now: number, hours: number): boolean {
  const t = since ? Date.parse(since) : NaN;
  return !Number.isNaN(t) && now - t > hours * 3600_000;
}

/** Time left on a lease ("4m", "1h 02m"), or null once it has run out. */
export function leaseLeft(expiresAt: string, now: number): string | null {
  const left = Date.parse(expiresAt) - now;
  return Number.isNaN(left) || left <= 0 ? null : formatDuration(left);
}

/** Issue titles known without asking the server: the loaded issues, and the titles events carry. */
export function titlesFrom(issues: Issue[], events: JitEvent[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const e of events) {
    if (isKnownEvent(e) && (e.type === 'issue_created' || e.type === 'issue_deleted') && e.issue_id) titles.set(e.issue_id, e.title);
  }
  for (const i of issues) titles.set(i.id, i.title);
  return titles;
}
