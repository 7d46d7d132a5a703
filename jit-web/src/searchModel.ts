// What GET /api/search answers, shaped for the issues list and the palette: snippets, where a line matched,
// where a hit leads, hits per issue and per document.
import { formatRoute } from './route';
import type { Issue, SearchHit, SearchResults } from './types';

/** A piece of a snippet; `match` pieces are the searched words. Rendered as text, never as HTML. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Characters of context kept before the first match when a long line is cut. */
const LEAD = 40;

/**
 * The matched line, cut to about `width` characters around its first match ("…" where cut), split into
 * plain and matched pieces. Spans are clipped to the line and to each other, so bad offsets cannot throw.
 */
export function snippetParts(line: string, matches: SearchHit['matches'], width = 160): SnippetPart[] {
  const spans = [...matches].sort((a, b) => a.start - b.start);
  let from = 0;
  let to = line.length;
  if (line.length > width) {
    from = Math.max(0, Math.min((spans[0]?.start ?? 0) - LEAD, line.length - width));
    to = from + width;
  }
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => text && parts.push({ text, match });
  let at = from;
  for (const s of spans) {
    const start = Math.max(at, s.start);
    const end = Math.min(to, s.end);
    if (end <= start) continue;
    push(line.slice(at, start), false);
    push(line.slice(start, end), true);
    at = end;
  }
  push(line.slice(at, to), false);
  if (from > 0) parts.unshift({ text: '…', match: false });
  if (to < line.length) parts.push({ text: '…', match: false });
  return parts;
}

/** Every case-insensitive, literal occurrence of `word` in `text` (how both UI searches ask /api/search). */
export function findAll(text: string, word: string): SearchHit['matches'] {
  if (!word) return [];
  const pattern = new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** The text a hit matched (its first span), to mark again where the hit leads. */
export function matchedText(hit: SearchHit): string {
  const first = hit.matches[0];
  return first ? hit.line_text.slice(first.start, first.end) : '';
}

/** Where a line matched, in words: "title", "description line 3", "document docs/design.md:12", "context branch". */
export function hitLocation(hit: SearchHit): string {
  if (hit.path) return `document ${hit.path}:${hit.line_number}`;
  if (hit.field === 'description') return `description line ${hit.line_number}`;
  if (hit.field.startsWith('context.')) {
    const key = `context ${hit.field.slice('context.'.length)}`;
    return hit.line_number > 1 ? `${key} line ${hit.line_number}` : key;
  }
  return hit.field;
}

/**
 * The issue page; for a document hit with the document open and the matched text marked in it
 * (`?doc=<path>&find=<text>`).
 */
export function hitHref(hit: SearchHit, issueId = hit.issue_id): string {
  const params: Record<string, string> = hit.path ? { doc: hit.path, find: matchedText(hit) } : {};
  return formatRoute({ view: 'issue', id: issueId, params });
}

/** The issues a hit counts for: a document's hit counts for every issue linking it. */
export function hitIssueIds(hit: SearchHit): string[] {
  return hit.issue_ids?.length ? hit.issue_ids : [hit.issue_id];
}

export interface IssueHits {
  issue: Issue;
  hits: SearchHit[];
}

/** One row per issue the results name, in the order of `issues` (the list's sort), each with its hits. */
export function hitsByIssue(found: SearchResults): IssueHits[] {
  const hits = new Map<string, SearchHit[]>();
  for (const hit of found.results) {
    for (const id of hitIssueIds(hit)) {
      const list = hits.get(id);
      if (list) list.push(hit);
      else hits.set(id, [hit]);
    }
  }
  return found.issues.map((issue) => ({ issue, hits: hits.get(issue.id) ?? [] }));
}

/** A palette entry: an issue (its first matching field) or a linked document (its first matching line). */
export interface PaletteEntry {
  kind: 'issue' | 'document';
  /** Unique among the entries: the issue id or the document path. */
  key: string;
  issueId: string;
  title: string;
  hit: SearchHit;
  /** Further matching lines of the same issue or document. */
  more: number;
  href: string;
}

/** Issues first, then documents, each in the order the server found them. */
export function paletteEntries(found: SearchResults): PaletteEntry[] {
  const byKey = new Map<string, PaletteEntry>();
  for (const hit of found.results) {
    const kind = hit.path ? 'document' : 'issue';
    const key = `${kind}:${hit.path ?? hit.issue_id}`;
    const seen = byKey.get(key);
    if (seen) seen.more++;
    else byKey.set(key, { kind, key, issueId: hit.issue_id, title: hit.title, hit, more: 0, href: hitHref(hit) });
  }
  const entries = [...byKey.values()];
  return [...entries.filter((e) => e.kind === 'issue'), ...entries.filter((e) => e.kind === 'document')];
}

/** The issues whose id starts with `text` (ids are not searched text: the list finds them by prefix too). */
export function idMatches(issues: Issue[], text: string): Issue[] {
  const prefix = text.trim().toLowerCase();
  return mayBeIdPrefix(prefix) ? issues.filter((i) => i.id.toLowerCase().startsWith(prefix)) : [];
}

/**
 * Text that could be an issue id or a unique prefix of one, worth asking the server for (it resolves
 * prefixes of 4+ characters): one word of letters, digits, '-', '_' or '.'.
 */
export function mayBeIdPrefix(text: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{3,127}$/.test(text);
}
