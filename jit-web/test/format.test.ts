import { describe, expect, it } from 'vitest';
import { describeEvent, formatDuration, formatTime, newestFirst, since } from '../src/format';
import type { JitEvent } from '../src/types';

const ev = (type: string, fields: Record<string, unknown> = {}, timestamp = '2026-01-01T00:00:00Z'): JitEvent =>
  ({ type, id: `${type}-${timestamp}`, issue_id: 'abcd1234ef', timestamp, ...fields });

describe('formatting', () => {
  it('formats durations', () => {
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(12 * 60_000)).toBe('12m');
    expect(formatDuration((3 * 60 + 5) * 60_000)).toBe('3h 05m');
    expect(formatDuration((2 * 24 + 4) * 3_600_000)).toBe('2d 4h');
    expect(formatDuration(-1)).toBe('—');
  });

  it('never shows Invalid Date', () => {
    expect(formatTime(undefined)).toBe('—');
    expect(formatTime('not a date')).toBe('—');
    expect(formatTime('2026-03-04T05:06:07Z')).toMatch(/^2026-03-0\d \d\d:\d\d:07$/);
    expect(since(null, 0)).toBe('—');
    expect(since('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:01:30Z'))).toBe('1m');
  });

  it('describes events', () => {
    expect(describeEvent(ev('issue_state_changed', { from: 'ready', to: 'in_progress' }))).toBe('ready → in_progress');
    expect(describeEvent(ev('issue_claimed', { assignee: 'agent:a' }))).toBe('claimed by agent:a');
    expect(describeEvent(ev('gate_passed', { gate_key: 'tests', updated_by: 'ci' }))).toBe('gate tests passed by ci');
    expect(describeEvent(ev('dependency_added', { dependency_id: '0123456789' }))).toBe('now depends on 01234567');
    expect(describeEvent(ev('issue_updated', { changes: { title: {}, labels: {} } }))).toBe('updated title, labels');
    expect(describeEvent(ev('issue_updated', {
      changes: {
        priority: { from: 'normal', to: 'high' }, labels: { from: [], to: ['a:b', 'c:d'] },
        assignee: { from: null, to: 'agent:x' }, description: { from: 'short', to: 'x'.repeat(200) },
      },
    }))).toBe('updated priority normal → high, labels — → a:b, c:d, assignee — → agent:x, description');
    expect(describeEvent(ev('issue_updated', { changes: {} }))).toBe('updated (no field recorded)');
    expect(describeEvent(ev('issue_released', { assignee: 'a', reason: 'stuck' }))).toBe('released by a: stuck');
    expect(describeEvent(ev('something_new'))).toBe('something new');
  });

  it('orders events newest first, keeping server order for ties', () => {
    const a = ev('issue_created', {}, '2026-01-01T00:00:00Z');
    const b = ev('issue_claimed', {}, '2026-01-02T00:00:00Z');
    const c = { ...ev('issue_completed', {}, '2026-01-02T00:00:00Z'), id: 'c' };
    expect(newestFirst([a, b, c]).map((e) => e.type)).toEqual(['issue_completed', 'issue_claimed', 'issue_created']);
  });
});
