// A column of the board and its cards. Cards are links (they open the issue; Enter and middle-click work)
// and carry data-card-id / data-column for the board's dragging and keyboard handling.
import { memo } from 'preact/compat';
import { gateProgress, heldSince, type GateProgress } from '../boardModel';
import type { ClaimTimes } from '../dashboardModel';
import { formatTime, shortId, since } from '../format';
import { STATE_LABELS } from '../graphModel';
import { issueHref } from '../route';
import type { Issue, State } from '../types';
import { BlockedBadge, PriorityBadge } from './common';

export function BoardColumn(props: {
  state: State;
  /** null until the first load */
  cards: Issue[] | null;
  total: number;
  claims: ClaimTimes | undefined;
  now: number;
  pendingIds: ReadonlySet<string>;
  /** The one card reached with Tab (the others with the arrow keys). */
  tabbableId: string | null;
  onShowAll: () => void;
}) {
  const { state, cards, total } = props;
  const heading = `board-column-${state}`;
  return (
    <section class={`board-column column-${state}`} data-column={state} aria-labelledby={heading}>
      <h2 id={heading}>{STATE_LABELS[state]} <span class="muted column-count">{cards ? total : '…'}</span></h2>
      <ul class="board-cards" aria-labelledby={heading} aria-describedby="board-keys">
        {(cards ?? []).map((issue) => {
          const held = props.claims ? heldSince(issue, props.claims) : null;
          // only held cards depend on the clock: the others are not re-rendered as it ticks
          return <Card key={issue.id} issue={issue} tabbable={issue.id === props.tabbableId} held={held}
            now={held ? props.now : 0} pending={props.pendingIds.has(issue.id)} />;
        })}
      </ul>
      {cards && cards.length === 0 ? <p class="muted board-empty">no issues</p> : null}
      {cards && cards.length < total ? (
        <button class="show-all" onClick={props.onShowAll}>show all {total} <span class="muted">({cards.length} shown)</span></button>
      ) : null}
    </section>
  );
}

// Memoised: moving the focus or one card re-renders two cards, not hundreds.
const Card = memo(function Card({ issue, held, now, tabbable, pending }: {
  issue: Issue;
  held: string | null;
  now: number;
  tabbable: boolean;
  pending: boolean;
}) {
  const gates = gateProgress(issue);
  return (
    <li>
      <a class={`board-card${pending ? ' pending' : ''}`} href={issueHref(issue.id)} data-card-id={issue.id}
        data-pending={pending ? 'true' : undefined} aria-busy={pending ? 'true' : undefined}
        draggable={false} tabIndex={tabbable ? 0 : -1}>
        <span class="card-line">
          <code class="card-id">{shortId(issue.id)}</code>
          <PriorityBadge priority={issue.priority} />
          {issue.blocked ? <BlockedBadge /> : null}
          {gates ? <GateBadge gates={gates} /> : null}
        </span>
        <span class="card-title">{issue.title}</span>
        {issue.labels.length ? (
          <span class="card-labels" title={issue.labels.join(', ')}>
            {issue.labels.map((l) => <span key={l} class="label">{l}</span>)}
          </span>
        ) : null}
        {issue.assignee ? (
          <span class="card-line card-holder">
            <span class="card-assignee">@ {issue.assignee}</span>
            {held ? <span class="card-held" title={`held since ${formatTime(held)}`}>held {since(held, now)}</span> : null}
          </span>
        ) : null}
      </a>
    </li>
  );
});

function GateBadge({ gates }: { gates: GateProgress }) {
  const status = gates.failed > 0 ? 'failed' : gates.passed === gates.total ? 'passed' : 'pending';
  return (
    <span class={`badge card-gates gate-${status}`}
      title={`gates: ${gates.passed} of ${gates.total} passed${gates.failed ? `, ${gates.failed} failed` : ''}`}>
      gates {gates.passed}/{gates.total}
    </span>
  );
}
