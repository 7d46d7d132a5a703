import { hitLocation, snippetParts, type SnippetPart } from '../searchModel';
import type { SearchHit } from '../types';

/** Text with its matched parts marked. Text nodes only: nothing in it can inject HTML. */
export function MarkedText({ parts }: { parts: SnippetPart[] }) {
  return <>{parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}</>;
}

/** The matched line with the searched words marked. */
export function Snippet({ hit }: { hit: SearchHit }) {
  return <span class="snippet"><MarkedText parts={snippetParts(hit.line_text, hit.matches)} /></span>;
}

/** Where the line matched and the line itself; `href` makes the location a link (to the issue or document). */
export function HitLine({ hit, href }: { hit: SearchHit; href?: string }) {
  const where = hitLocation(hit);
  return (
    <div class="hit">
      {href ? <a class="hit-where" href={href}>{where}</a> : <span class="hit-where">{where}</span>}
      <Snippet hit={hit} />
    </div>
  );
}
