import { describe, expect, it } from 'vitest';
import { formatRoute, hashForPath, parseRoute } from '../src/route';

describe('routes', () => {
  it('defaults to the dashboard', () => {
    expect(parseRoute('')).toEqual({ view: 'dashboard', params: {} });
    expect(parseRoute('#/')).toEqual({ view: 'dashboard', params: {} });
    expect(parseRoute('#/nonsense')).toEqual({ view: 'dashboard', params: {} });
  });

  it('reads views, ids and params', () => {
    expect(parseRoute('#/issues?state=ready,done&q=lock%20file')).toEqual({
      view: 'issues', params: { state: 'ready,done', q: 'lock file' },
    });
    expect(parseRoute('#/issue/abc123ef')).toEqual({ view: 'issue', id: 'abc123ef', params: {} });
    expect(parseRoute('#/graph?focus=abcd&label=epic:*')).toEqual({
      view: 'graph', params: { focus: 'abcd', label: 'epic:*' },
    });
  });

  it('treats an issue route without id as the issue list and drops empty params', () => {
    expect(parseRoute('#/issue/')).toEqual({ view: 'issues', params: {} });
    expect(parseRoute('#/issues?q=&state=ready')).toEqual({ view: 'issues', params: { state: 'ready' } });
  });

  it('round-trips every view', () => {
    for (const hash of ['#/', '#/issues?state=ready&sort=-priority', '#/issue/0123abcd', '#/board?label=epic%3Aweb',
      '#/graph?focus=0123abcd&state=done']) {
      expect(formatRoute(parseRoute(hash))).toBe(hash);
    }
  });

  it('encodes ids and params', () => {
    expect(formatRoute({ view: 'issue', id: 'a/b', params: {} })).toBe('#/issue/a%2Fb');
    expect(parseRoute(formatRoute({ view: 'issues', params: { q: 'a&b=c' } })).params.q).toBe('a&b=c');
  });

  it('turns path deep links into the hash route they name', () => {
    expect(hashForPath('/issues/0f3c9a2e-1111', '')).toBe('#/issue/0f3c9a2e-1111');
    expect(hashForPath('/issue/0f3c9a2e', '')).toBe('#/issue/0f3c9a2e');
    expect(hashForPath('/issues', '?state=ready')).toBe('#/issues?state=ready');
    expect(hashForPath('/graph/', '?focus=abcd')).toBe('#/graph?focus=abcd');
    expect(hashForPath('/board', '?state=ready,gated')).toBe('#/board?state=ready%2Cgated');
    expect(hashForPath('/', '')).toBeNull();
    expect(hashForPath('/index.html', '')).toBeNull();
    expect(hashForPath('/issues/a/b', '')).toBeNull();
    expect(hashForPath('/issues/%E0%A4%A', '')).toBeNull();
  });
});
