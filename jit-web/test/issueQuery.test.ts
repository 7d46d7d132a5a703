import { describe, expect, it } from 'vitest';
import {
  apiQuery, DEFAULT_SORT, sortDirection, tableQueryFromParams, tableQueryToParams, toggleSort,
} from '../src/issueQuery';

describe('issues table query', () => {
  it('reads params with defaults and ignores a bad blocked value', () => {
    const q = tableQueryFromParams({ state: 'ready, done', blocked: 'maybe' });
    expect(q).toEqual({ state: ['ready', 'done'], priority: [], assignee: '', label: '', blocked: '', q: '', sort: DEFAULT_SORT });
  });

  it('writes only what differs from the defaults', () => {
    expect(tableQueryToParams(tableQueryFromParams({}))).toEqual({});
    const q = { ...tableQueryFromParams({}), priority: ['high', 'critical'], q: '  lock ', blocked: 'true' as const, sort: 'title' };
    expect(tableQueryToParams(q)).toEqual({ priority: 'high,critical', q: 'lock', blocked: 'true', sort: 'title' });
  });

  it('builds the API query with sort, limit and cursor', () => {
    const q = tableQueryFromParams({ state: 'ready', label: 'epic:*' });
    expect(apiQuery(q, null)).toBe('state=ready&label=epic%3A*&sort=-updated&limit=50');
    expect(apiQuery(q, 'c2', 10)).toBe('state=ready&label=epic%3A*&sort=-updated&limit=10&cursor=c2');
  });

  it('cycles sort direction per column', () => {
    expect(toggleSort('-updated', 'title')).toBe('title');
    expect(toggleSort('title', 'title')).toBe('-title');
    expect(toggleSort('-title', 'title')).toBe('title');
    expect(sortDirection('-title', 'title')).toBe('desc');
    expect(sortDirection('title', 'title')).toBe('asc');
    expect(sortDirection('title', 'state')).toBeNull();
  });
});
