import { isKnownEvent } from './events';
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
