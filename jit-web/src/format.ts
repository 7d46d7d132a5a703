import type { JitEvent } from './types';

export function shortId(id: string | null | undefined): string {
  return id ? id.slice(0, 8) : '';
}

/** "45s", "12m", "3h 05m", "2d 4h": how long something has been going on. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  const d = Math.floor(h / 24);
  return `${d}d ${h % 24}h`;
}

export function since(iso: string | null | undefined, now: number): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : formatDuration(now - t);
}

/** Local date and time, or an em dash for a missing / unreadable timestamp (never "Invalid Date"). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const d = new Date(t);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** One line describing an event, without the issue id (shown separately as a link). */
export function describeEvent(e: JitEvent): string {
  const s = (k: string) => (e[k] === undefined || e[k] === null ? '' : String(e[k]));
  switch (e.type) {
    case 'issue_created':
      return `created “${s('title')}” (${s('priority') || 'normal'})`;
    case 'issue_claimed':
      return `claimed by ${s('assignee')}`;
    case 'issue_assigned':
      return `assigned to ${s('assignee')}`;
    case 'issue_unassigned':
      return `unassigned from ${s('assignee')}`;
    case 'issue_released':
      return `released by ${s('assignee') || '—'}${s('reason') ? `: ${s('reason')}` : ''}`;
    case 'issue_state_changed':
      return `${s('from')} → ${s('to')}`;
    case 'issue_completed':
      return 'completed';
    case 'issue_rejected':
      return `rejected${s('reason') ? `: ${s('reason')}` : ''}`;
    case 'issue_deleted':
      return `deleted “${s('title')}”`;
    case 'issue_updated': {
      const changes = e.changes && typeof e.changes === 'object' ? Object.keys(e.changes as object) : [];
      return `updated ${changes.join(', ') || 'fields'}`;
    }
    case 'dependency_added':
      return `now depends on ${shortId(s('dependency_id'))}`;
    case 'dependency_removed':
      return `no longer depends on ${shortId(s('dependency_id'))}`;
    case 'gate_added':
      return `requires gate ${s('gate_key')}`;
    case 'gate_passed':
      return `gate ${s('gate_key')} passed${s('updated_by') ? ` by ${s('updated_by')}` : ''}`;
    case 'gate_failed':
      return `gate ${s('gate_key')} failed${s('updated_by') ? ` by ${s('updated_by')}` : ''}`;
    case 'gate_defined':
      return `gate ${s('gate_key')} defined`;
    case 'gate_undefined':
      return `gate ${s('gate_key')} removed`;
    default:
      return e.type.replace(/_/g, ' ');
  }
}

/** Newest first; ties keep server order. */
export function newestFirst(events: JitEvent[]): JitEvent[] {
  return events
    .map((e, i) => ({ e, i, t: Date.parse(e.timestamp) || 0 }))
    .sort((a, b) => b.t - a.t || b.i - a.i)
    .map((x) => x.e);
}
