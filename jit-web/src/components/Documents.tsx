import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { markText } from '../markText';
import { formatRoute, parseRoute } from '../route';
import { findAll, snippetParts } from '../searchModel';
import { classifyDiff } from '../diffLines';
import { formatTime } from '../format';
import { renderMarkdown } from '../markdown';
import type { DocumentRef, Issue } from '../types';
import { describeError, Modal } from './common';
import { MarkedText } from './SearchHit';

/** `openPath`: a linked document to open, from the route (`?doc=<path>`); `find`: text to mark in it (`&find=`). */
export function Documents({ issue, openPath, find }: { issue: Issue; openPath?: string; find?: string }) {
  const [open, setOpen] = useState<DocumentRef | null>(null);
  useEffect(() => {
    const linked = openPath ? issue.documents.find((d) => isPath(d.path, openPath)) : undefined;
    if (linked) setOpen(linked);
  }, [openPath, issue.id]);
  const close = () => {
    setOpen(null);
    if (openPath) forgetOpenDocument();
  };
  return (
    <section class="card documents">
      <h2>Documents <span class="muted">{issue.documents.length}</span></h2>
      {issue.documents.length === 0 ? <p class="muted">no linked documents</p> : (
        <ul class="plain">
          {issue.documents.map((d) => (
            <li key={`${d.path}@${d.commit ?? ''}`}>
              <button class="link" onClick={() => setOpen(d)}>{d.label ?? d.path}</button>{' '}
              <code class="muted">{d.path}</code>
              {d.commit ? <code class="muted"> @{d.commit.slice(0, 8)}</code> : null}
              {d.doc_type ? <span class="label">{d.doc_type}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <DocumentViewer issueId={issue.id} doc={open} onClose={close}
          find={openPath && isPath(open.path, openPath) ? find : undefined} />
      ) : null}
    </section>
  );
}

/** Search names documents by repository-relative path; a link may have been written as ./path or longer. */
function isPath(linked: string, relative: string): boolean {
  const plain = linked.replace(/^\.\//, '');
  return plain === relative || plain.endsWith(`/${relative}`);
}

/**
 * Drops `doc` from the address once its document is closed, so a reload does not reopen it and the same link
 * opens it again (location.replace: a hashchange, the route follows, no history entry).
 */
function forgetOpenDocument() {
  const route = parseRoute(location.hash);
  const { doc: _closed, find: _marked, ...params } = route.params;
  location.replace(formatRoute({ ...route, params }));
}

type Pane =
  | { kind: 'content'; commit?: string }
  | { kind: 'history' }
  | { kind: 'diff'; from: string; to: string };

interface Revision { commit: string; author: string; date: string; message: string }

interface Loaded { html?: string; plain?: string; commit?: string; diff?: string; revs?: Revision[]; error?: string }

/**
 * Document content (markdown rendered), its git history, and a diff between two revisions. `find` is marked
 * in the content, and the first mark scrolled to (a search hit opened it).
 */
function DocumentViewer({ issueId, doc, onClose, find }: {
  issueId: string; doc: DocumentRef; onClose: () => void; find?: string;
}) {
  const [pane, setPane] = useState<Pane>({ kind: 'content', commit: doc.commit ?? undefined });
  const [body, setBody] = useState<Loaded | null>(null);
  const content = useRef<HTMLDivElement>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const key = JSON.stringify(pane);

  useEffect(() => {
    let live = true;
    const done = (b: Loaded) => live && setBody(b);
    const fail = (e: unknown) => done({ error: describeError(e) });
    setBody(null);
    if (pane.kind === 'content') {
      api.documentContent(issueId, doc.path, pane.commit).then((c) => {
        const markdown = /markdown/.test(c.content_type) || /\.(md|markdown)$/i.test(doc.path);
        done(markdown ? { html: renderMarkdown(c.content), commit: c.commit } : { plain: c.content, commit: c.commit });
      }, fail);
    } else if (pane.kind === 'history') {
      api.documentHistory(issueId, doc.path).then((h) => done({ revs: h.commits }), fail);
    } else {
      api.documentDiff(issueId, doc.path, pane.from, pane.to).then((d) => done({ diff: d.diff }), fail);
    }
    return () => void (live = false);
  }, [issueId, doc.path, key]);

  useEffect(() => {
    const root = content.current;
    if (!root || !find || pane.kind !== 'content') return;
    const markdown = root.querySelector<HTMLElement>('.markdown');
    if (markdown) markText(markdown, find); // plain text is marked as it renders
    root.querySelector('mark')?.scrollIntoView({ block: 'center' });
  }, [body, find]);

  const compare = () => {
    // history lists newest first: the pick further down is the older revision
    const revs = body?.revs ?? [];
    const pos = (c: string) => revs.findIndex((r) => r.commit === c);
    const [older, newer] = [...picked].sort((x, y) => pos(y) - pos(x));
    setPane({ kind: 'diff', from: older, to: newer });
  };

  return (
    <Modal title={doc.label ?? doc.path} onClose={onClose} wide>
      <nav class="doc-tabs">
        <button class={pane.kind === 'content' ? 'on' : ''} onClick={() => setPane({ kind: 'content', commit: doc.commit ?? undefined })}>content</button>
        <button class={pane.kind === 'history' ? 'on' : ''} onClick={() => { setPicked([]); setPane({ kind: 'history' }); }}>history</button>
        {pane.kind === 'diff' ? <button class="on">diff {pane.from.slice(0, 7)}..{pane.to.slice(0, 7)}</button> : null}
      </nav>
      <div class="doc-body" ref={content}>
        {!body ? <p class="muted">loading…</p>
          : body.error ? <p class="error-line" role="alert">{body.error}</p>
          : pane.kind === 'content' ? (
            <>
              {body.html !== undefined
                ? <div class="markdown" dangerouslySetInnerHTML={{ __html: body.html }} />
                : <pre>{find ? <MarkedText parts={snippetParts(body.plain ?? '', findAll(body.plain ?? '', find), Infinity)} /> : body.plain}</pre>}
              <p class="muted">commit {body.commit?.slice(0, 8)}</p>
            </>
          ) : pane.kind === 'history' ? (
            <>
              <p class="muted">Open a revision, or tick two and compare them.</p>
              <ul class="plain revisions">
                {(body.revs ?? []).map((r) => (
                  <li key={r.commit}>
                    <input type="checkbox" aria-label={`select ${r.commit}`} checked={picked.includes(r.commit)}
                      onChange={() => setPicked((p) => (p.includes(r.commit) ? p.filter((x) => x !== r.commit) : [...p, r.commit].slice(-2)))} />
                    <button class="link" onClick={() => setPane({ kind: 'content', commit: r.commit })}><code>{r.commit.slice(0, 7)}</code></button>{' '}
                    {r.message} <span class="muted">— {r.author}, {formatTime(r.date)}</span>
                  </li>
                ))}
              </ul>
              <button disabled={picked.length !== 2} onClick={compare}>compare selected</button>
            </>
          ) : (
            <pre class="diff">{classifyDiff(body.diff ?? '').map((l, i) => <div key={i} class={`diff-${l.kind}`}>{l.text || ' '}</div>)}</pre>
          )}
      </div>
    </Modal>
  );
}
