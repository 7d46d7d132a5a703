import { describe, expect, it } from 'vitest';
import { agentsFrom, readyByPriority } from '../src/dashboardModel';
import type { Issue, JitEvent } from '../src/types';

const issue = (id: string, assignee: string | null, priority: Issue['priority'] = 'normal', updated_at = '2026-01-01T10:00:00Z'): Issue => ({
  id, title: id, description: '', state: 'in_progress', priority, assignee, dependencies: [], gates_required: [],
  gates_status: {}, context: {}, documents: [], labels: [], blocked: false, updated_at,
});
const claim = (issue_id: string, assignee: string, timestamp: string, type = 'issue_claimed'): JitEvent =>
  ({ type, id: `${issue_id}${timestamp}`, issue_id, assignee, timestamp });

describe('dashboard model', () => {
  it('groups held issues by agent with the latest claim time, oldest work first', () => {
    const agents = agentsFrom(
      [issue('i1', 'bob'), issue('i2', 'amy'), issue('i3', 'bob'), issue('i4', null)],
      [
        claim('i1', 'bob', '2026-01-01T08:00:00Z'),
        claim('i1', 'bob', '2026-01-01T09:00:00Z'),
        claim('i1', 'carl', '2026-01-01T07:00:00Z'),
        claim('i2', 'amy', '2026-01-01T08:30:00Z', 'issue_assigned'),
      ],
    );
    expect(agents.map((a) => a.agent)).toEqual(['amy', 'bob']);
    expect(agents[1].issues.map((h) => [h.issue.id, h.since])).toEqual([
      ['i1', '2026-01-01T09:00:00Z'],
      ['i3', '2026-01-01T10:00:00Z'], // no claim event: falls back to updated_at
    ]);
  });

  it('groups the ready queue by priority, most urgent first', () => {
    const groups = readyByPriority([issue('a', null, 'low'), issue('b', null, 'critical'), issue('c', null, 'low')]);
    expect(groups.map((g) => [g.priority, g.issues.map((i) => i.id)])).toEqual([
      ['critical', ['b']], ['high', []], ['normal', []], ['low', ['a', 'c']],
    ]);
  });
});
