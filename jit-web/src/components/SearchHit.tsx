import { hitLocation, snippetParts } from '../searchModel';
import type { SearchHit } from '../types';

/** The matched line with the searched words marked. Text nodes only: a snippet can never inject HTML. */
export function Snippet({ hit }: { hit: SearchHit }) {
  return (
    <span class="snippet">
      {snippetParts(hit.line_text, hit.matches).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}
    </span>
  );
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
