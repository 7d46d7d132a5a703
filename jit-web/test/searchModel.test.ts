import { describe, expect, it } from 'vitest';
import { isPaletteShortcut } from '../src/keys';
import { paletteQuery, searchQuery, tableQueryFromParams } from '../src/issueQuery';
import {
  findAll, hitHref, hitLocation, hitsByIssue, idMatches, mayBeIdPrefix, paletteEntries, snippetParts,
} from '../src/searchModel';
import type { Issue, SearchHit, SearchResults } from '../src/types';

const hit = (over: Partial<SearchHit>): SearchHit => ({
  issue_id: 'aaaa1111', title: 'An issue', field: 'title', line_number: 1, line_text: 'An issue', matches: [], ...over,
});
const issue = (id: string) => ({ id, title: id }) as Issue;

describe('snippets', () => {
  it('splits a line at its matches', () => {
    expect(snippetParts('the token dies, token', [{ start: 4, end: 9 }, { start: 16, end: 21 }])).toEqual([
      { text: 'the ', match: false }, { text: 'token', match: true }, { text: ' dies, ', match: false },
      { text: 'token', match: true },
    ]);
  });

  it('keeps markup as text: it is rendered as text nodes, never parsed', () => {
    const line = '<img src=x onerror=alert(1)> token';
    const parts = snippetParts(line, [{ start: 29, end: 34 }]);
    expect(parts.map((p) => p.text).join('')).toBe(line);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['token']);
  });

  it('cuts a long line around the first match and clips bad spans', () => {
    const line = `${'a'.repeat(300)}NEEDLE${'b'.repeat(300)}`;
    const parts = snippetParts(line, [{ start: 300, end: 306 }, { start: 2000, end: 2005 }, { start: 302, end: 304 }], 100);
    expect(parts[0]).toEqual({ text: '…', match: false });
    expect(parts.at(-1)).toEqual({ text: '…', match: false });
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['NEEDLE']);
    expect(parts.slice(1, -1).map((p) => p.text).join('').length).toBe(100);
  });
});

describe('where a line matched', () => {
  it('names the field, the description line, the document path and line', () => {
    expect(hitLocation(hit({ field: 'title' }))).toBe('title');
    expect(hitLocation(hit({ field: 'description', line_number: 3 }))).toBe('description line 3');
    expect(hitLocation(hit({ field: 'context.branch' }))).toBe('context branch');
    expect(hitLocation(hit({ field: 'document', path: 'docs/design.md', line_number: 12 }))).toBe('document docs/design.md:12');
  });

  it('leads to the issue, with the document open for a document hit', () => {
    expect(hitHref(hit({}))).toBe('#/issue/aaaa1111');
    const doc = hit({ field: 'document', path: 'docs/a b.md', issue_ids: ['aaaa1111', 'bbbb2222'],
      line_text: 'The Journal (v2)', matches: [{ start: 4, end: 11 }] });
    expect(hitHref(doc, 'bbbb2222')).toBe('#/issue/bbbb2222?doc=docs%2Fa+b.md&find=Journal');
  });

  it('finds the matched text again, literally and in any case', () => {
    expect(findAll('journal, JOURNAL (v2) journ', 'Journal')).toEqual([{ start: 0, end: 7 }, { start: 9, end: 16 }]);
    expect(findAll('a (v2) b', '(v2)')).toEqual([{ start: 2, end: 6 }]);
    expect(findAll('a.b axb', 'a.b')).toEqual([{ start: 0, end: 3 }]);
    expect(findAll('text', '')).toEqual([]);
  });
});

describe('grouping results', () => {
  const doc = hit({ field: 'document', path: 'docs/d.md', line_number: 2, issue_ids: ['aaaa1111', 'bbbb2222'] });
  const found: SearchResults = {
    query: 'x', total: 4,
    results: [hit({}), hit({ field: 'description' }), doc, { ...doc, line_number: 5 }],
    issues: [issue('bbbb2222'), issue('aaaa1111')],
  };

  it('gives every issue the results name its hits, a document hit to each issue linking it', () => {
    const rows = hitsByIssue(found);
    expect(rows.map((r) => r.issue.id)).toEqual(['bbbb2222', 'aaaa1111']);
    expect(rows[0].hits.map((h) => h.line_number)).toEqual([2, 5]);
    expect(rows[1].hits).toHaveLength(4);
  });

  it('makes one palette entry per issue and per document, issues first', () => {
    const entries = paletteEntries({ ...found, results: [doc, hit({}), hit({ field: 'label' }), { ...doc, line_number: 5 }] });
    expect(entries.map((e) => [e.kind, e.more, e.href])).toEqual([
      ['issue', 1, '#/issue/aaaa1111'],
      ['document', 1, '#/issue/aaaa1111?doc=docs%2Fd.md'], // no span: nothing to mark
    ]);
  });
});

describe('palette input', () => {
  it('asks for an issue only for one word of 4+ id characters', () => {
    expect(mayBeIdPrefix('3f2a')).toBe(true);
    expect(mayBeIdPrefix('3f2a9c1e-77b0-4c4e-9d1f-0a1b2c3d4e5f')).toBe(true);
    expect(mayBeIdPrefix('3f2')).toBe(false);
    expect(mayBeIdPrefix('two words')).toBe(false);
    expect(mayBeIdPrefix('../x')).toBe(false);
  });

  it('finds issues by an id prefix of 4+ characters, in any case', () => {
    const issues = [issue('3F2A9c1e'), issue('3f2b0000'), issue('aaaa3f2a')];
    expect(idMatches(issues, ' 3f2a ').map((i) => i.id)).toEqual(['3F2A9c1e']);
    expect(idMatches(issues, '3f2')).toEqual([]);
  });

  it('opens on Ctrl-K and ⌘K only', () => {
    const key = (k: string, mods: Partial<KeyboardEvent>) =>
      isPaletteShortcut({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
    expect(key('k', { ctrlKey: true })).toBe(true);
    expect(key('k', { metaKey: true })).toBe(true);
    expect(key('K', { ctrlKey: true })).toBe(true);
    expect(key('k', {})).toBe(false);
    expect(key('k', { ctrlKey: true, shiftKey: true })).toBe(false);
    expect(key('j', { ctrlKey: true })).toBe(false);
  });
});

describe('search queries', () => {
  it('sends the list text with its filters and sort, the palette text alone', () => {
    const t = tableQueryFromParams({ q: ' journal ', state: 'ready', label: 'epic:*' });
    expect(searchQuery(t)).toBe('state=ready&label=epic%3A*&q=journal&sort=-updated&limit=200');
    expect(paletteQuery(' a b ', 30)).toBe('q=a+b&limit=30');
  });
});
