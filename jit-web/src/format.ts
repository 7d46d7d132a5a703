import { isKnownEvent } from './events';
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
export function describeEvent(event: JitEvent): string {
  if (!isKnownEvent(event)) return event.type.replace(/_/g, ' ');
  const e = event;
  switch (e.type) {
    case 'issue_created':
      return `created “${e.title}” (${e.priority || 'normal'})`;
    case 'issue_claimed':
      return `claimed by ${e.assignee}`;
    case 'issue_assigned':
      return `assigned to ${e.assignee}`;
    case 'issue_unassigned':
      return `unassigned from ${e.assignee}`;
    case 'issue_released':
      return `released by ${e.assignee || '—'}${e.reason ? `: ${e.reason}` : ''}`;
    case 'lease_expired':
      return `lease of ${e.holder} ran out`;
    case 'issue_state_changed':
      return `${e.from} → ${e.to}`;
    case 'issue_completed':
      return 'completed';
    case 'issue_rejected':
      return `rejected${e.reason ? `: ${e.reason}` : ''}`;
    case 'issue_deleted':
      return `deleted “${e.title}”`;
    case 'issue_updated':
      return describeChanges(e.changes);
    case 'dependency_added':
      return `now depends on ${shortId(e.dependency_id)}`;
    case 'dependency_removed':
      return `no longer depends on ${shortId(e.dependency_id)}`;
    case 'gate_added':
      return `requires gate ${e.gate_key}`;
    case 'gate_passed':
      return `gate ${e.gate_key} passed${e.updated_by ? ` by ${e.updated_by}` : ''}`;
    case 'gate_failed':
      return `gate ${e.gate_key} failed${e.updated_by ? ` by ${e.updated_by}` : ''}`;
    case 'gate_defined':
      return `gate ${e.gate_key} defined`;
    case 'gate_undefined':
      return `gate ${e.gate_key} removed`;
    default:
      return e.type.replace(/_/g, ' ');
  }
}

const SHORT_VALUE = 40;

function shortValue(v: unknown): string | null {
  if (v === undefined) return null;
  if (v === null || v === '') return '—';
  // free text (a title) is quoted; single words (a priority, a name) are not
  const text = typeof v === 'string' ? (/\s/.test(v) ? `“${v}”` : v) : Array.isArray(v) ? v.join(', ') || '—' : typeof v === 'object' ? null : String(v);
  return text !== null && text.length <= SHORT_VALUE ? text : null;
}

/**
 * "updated priority normal → high, title “A” → “B”, description": every changed field by name, with its
 * old and new value where both are short (a long description is only named).
 */
export function describeChanges(changes: unknown): string {
  if (!changes || typeof changes !== 'object' || Object.keys(changes).length === 0) return 'updated (no field recorded)';
  const parts = Object.entries(changes as Record<string, { from?: unknown; to?: unknown } | null>).map(([field, change]) => {
    const from = shortValue(change?.from);
    const to = shortValue(change?.to);
    return from !== null && to !== null ? `${field} ${from} → ${to}` : field;
  });
  return `updated ${parts.join(', ')}`;
}

/** Newest first; ties keep server order. */
export function newestFirst(events: JitEvent[]): JitEvent[] {
  return events
    .map((e, i) => ({ e, i, t: Date.parse(e.timestamp ?? '') || 0 }))
    .sort((a, b) => b.t - a.t || b.i - a.i)
    .map((x) => x.e);
}
