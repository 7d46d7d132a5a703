import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { loadGraph } from '../graphPrefetch';
import { ErrorLine, useCommand, useLoad } from '../components/common';
import {
  diffGraph, edgeKey, filterGraph, findNodes, HIDE_DONE_ABOVE, isDone, isEmptyDiff, nodeCaption, resolveIdPrefix,
  STATE_LABELS,
} from '../graphModel';
import {
  MAX_ZOOM, MIN_ZOOM, nearestTo, readingOrder, stepSelection, steppedZoom, wheelNotches, type Direction,
} from '../graphNavigation';
import { layeredLayout, placeNewNodes, type Point } from '../layout';
import { markInteractive } from '../interactive';
import { useLiveRefresh } from '../live';
import { formatRoute, issueHref } from '../route';
import { STATES, type Graph as GraphData, type GraphEdge, type GraphNode } from '../types';

/** Above this many nodes, trade some looks for speed while panning and zooming. */
const LARGE = 300;
const NODE_W = 170;
const NODE_H = 50; // the id line and two title lines
const LAYOUT = { nodeWidth: NODE_W, nodeHeight: NODE_H };
/** A fitted small graph is shown at reading size, not blown up. */
const FIT_MAX_ZOOM = 1.25;

const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/** The cytoscape instance is also at `.graph`'s `cy` property: the browser tests read zoom, pan and nodes there. */
type GraphContainer = HTMLDivElement & { cy?: Core };

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function graphStyle(): cytoscape.StylesheetJson {
  const states = STATES.map((s) => ({
    selector: `node[state = "${s}"]`,
    style: { 'background-color': cssVar(`--state-${s}-bg`), 'border-color': cssVar(`--state-${s}`) },
  }));
  return [
    {
      selector: 'node',
      style: {
        shape: 'round-rectangle', width: NODE_W, height: NODE_H, 'border-width': 2,
        // captions are wrapped to fit (nodeCaption); the maximum width is a backstop for wide fonts
        label: 'data(caption)', 'text-wrap': 'wrap', 'text-max-width': `${NODE_W - 10}px`, 'font-size': 11,
        'text-valign': 'center', 'text-halign': 'center', color: cssVar('--fg'),
        'font-family': 'ui-monospace, SFMono-Regular, Menlo, monospace', 'min-zoomed-font-size': 5,
      },
    },
    ...states,
    { selector: 'node.blocked', style: { 'border-style': 'dashed', 'border-width': 3, 'border-color': cssVar('--blocked') } },
    { selector: 'node.focus', style: { 'border-width': 4, 'underlay-color': cssVar('--accent'), 'underlay-opacity': 0.35, 'underlay-padding': 6 } },
    {
      selector: 'node.current',
      style: { 'border-width': 4, 'border-color': cssVar('--accent'), 'underlay-color': cssVar('--accent'), 'underlay-opacity': 0.5, 'underlay-padding': 8 },
    },
    {
      selector: 'edge',
      style: {
        width: 1.2, 'line-color': cssVar('--edge'), 'target-arrow-color': cssVar('--edge'),
        'target-arrow-shape': 'triangle', 'curve-style': 'straight', 'arrow-scale': 0.8,
      },
    },
  ];
}

function nodeElement(n: GraphNode, position: Point | undefined): ElementDefinition {
  return {
    group: 'nodes', position,
    data: { id: n.id, caption: nodeCaption(n), state: n.state, title: n.label },
    classes: n.blocked ? 'blocked' : '',
  };
}

// Drawn from the dependency to the dependent: work flows left to right.
function edgeElement(e: GraphEdge): ElementDefinition {
  return { group: 'edges', data: { id: edgeKey(e), source: e.to, target: e.from } };
}

function positionsOf(cy: Core): Map<string, Point> {
  const out = new Map<string, Point>();
  cy.nodes().forEach((n) => void out.set(n.id(), { ...n.position() }));
  return out;
}

/**
 * Fits the view to the node positions. cy.fit() would measure every label for the bounding box, which
 * costs seconds at 1,000 issues; the node boxes are known, so the extent is too.
 */
function fitTo(cy: Core, points: Iterable<Point>) {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of points) {
    x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y);
  }
  if (x0 === Infinity) return;
  [x0, x1, y0, y1] = [x0 - NODE_W / 2, x1 + NODE_W / 2, y0 - NODE_H / 2, y1 + NODE_H / 2];
  const pad = 30;
  const legend = 50; // keep the bottom-left legend off the nodes
  const fit = Math.min((cy.width() - 2 * pad) / (x1 - x0), (cy.height() - 2 * pad - legend) / (y1 - y0));
  const zoom = Math.min(FIT_MAX_ZOOM, Math.max(MIN_ZOOM, fit));
  cy.viewport({ zoom, pan: { x: (cy.width() - zoom * (x0 + x1)) / 2, y: (cy.height() - legend - zoom * (y0 + y1)) / 2 } });
}

export default function GraphView({ params }: { params: Record<string, string> }) {
  const load = useLoad(loadGraph, []);
  useLiveRefresh(load.reload);
  const states = params.state ? params.state.split(',') : [];
  const label = params.label ?? '';
  const [find, setFind] = useState('');
  const [labelText, setLabelText] = useState(label);
  const [selected, setSelected] = useState<string | null>(null);
  const [tip, setTip] = useState<{ id: string; title: string; x: number; y: number } | null>(null);
  const containerRef = useRef<GraphContainer>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const zoomLabelRef = useRef<HTMLSpanElement>(null);
  const cyRef = useRef<Core | null>(null);
  /** What is drawn, and under which filter: a new filter lays out again, new data is applied in place. */
  const drawn = useRef<{ graph: GraphData; filterKey: string } | null>(null);
  /** Set once the user zooms or pans: from then on live updates never move the viewport. */
  const viewMoved = useRef(false);
  const hovered = useRef<string | null>(null);

  const all = load.data;
  const focusResolution = useMemo(
    () => (all && params.focus ? resolveIdPrefix(all.nodes.map((n) => n.id), params.focus) : null),
    [all, params.focus],
  );
  const focus = focusResolution && 'id' in focusResolution ? focusResolution.id : null;
  const doneCount = useMemo(() => all?.nodes.filter(isDone).length ?? 0, [all]);
  // Finished work is hidden by default in a large store; `done=show` / `done=hide` in the link decides otherwise.
  // The default is taken from the first load, so that a store growing past the threshold live keeps its drawing.
  const showDoneByDefault = useRef<boolean | null>(null);
  if (all && showDoneByDefault.current === null) showDoneByDefault.current = all.nodes.length <= HIDE_DONE_ABOVE;
  const showDone = params.done ? params.done === 'show' : showDoneByDefault.current ?? true;
  const [layoutRound, setLayoutRound] = useState(0); // the relayout button
  const filterKey = JSON.stringify([states, label, focus, showDone, layoutRound]);
  const shown = useMemo(
    () => (all ? filterGraph(all, { states, label, focus, hideDone: !showDone }) : null),
    [all, filterKey],
  );

  const setParams = (patch: Record<string, string | null>) => {
    const next = { ...params };
    for (const [k, v] of Object.entries(patch)) {
      if (v) next[k] = v;
      else delete next[k];
    }
    location.hash = formatRoute({ view: 'graph', params: next });
  };

  const showZoom = (cy: Core) => {
    if (zoomLabelRef.current) zoomLabelRef.current.textContent = `${Math.round(cy.zoom() * 100)} %`;
  };

  /** Zooms by `notches` steps around a point of the view (its centre by default); the user moved the view. */
  const zoomBy = (notches: number, around?: Point) => {
    const cy = cyRef.current;
    if (!cy) return;
    viewMoved.current = true;
    cy.zoom({ level: steppedZoom(cy.zoom(), notches), renderedPosition: around ?? { x: cy.width() / 2, y: cy.height() / 2 } });
  };

  const fit = () => {
    const cy = cyRef.current;
    if (!cy) return;
    fitTo(cy, positionsOf(cy).values());
    viewMoved.current = false; // asked for: later live updates may fit again
  };

  // The graph is created with the first data, so that the large-graph mode is chosen once and a store
  // growing past it live does not rebuild (and reset) the view.
  const ensureCy = (nodeCount: number): Core => {
    if (cyRef.current) return cyRef.current;
    const large = nodeCount > LARGE;
    const cy = cytoscape({
      container: containerRef.current,
      style: graphStyle(),
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
      minZoom: MIN_ZOOM,
      maxZoom: MAX_ZOOM,
      boxSelectionEnabled: false,
      autoungrabify: true,
      autounselectify: true,
    });
    cy.on('tap', 'node', (e) => (location.hash = issueHref(e.target.id())));
    cy.on('mouseover', 'node', (e) => {
      hovered.current = e.target.id();
      const p = e.target.renderedPosition();
      setTip({ id: e.target.id(), title: e.target.data('title'), x: p.x, y: p.y - (NODE_H / 2) * cy.zoom() });
    });
    cy.on('mouseout', 'node', () => {
      hovered.current = null;
      setTip(null);
    });
    cy.on('dragpan pinchzoom', () => (viewMoved.current = true));
    cy.on('viewport', () => {
      showZoom(cy);
      setTip(null);
    });
    cyRef.current = cy;
    containerRef.current!.cy = cy;
    return cy;
  };

  useEffect(() => {
    const cy = () => cyRef.current;
    const restyle = () => cy()?.style(graphStyle());
    window.addEventListener('jit-theme', restyle);
    const media = matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', restyle);
    // Our own wheel zoom, a fixed factor a notch (cytoscape's own depends on the device it guesses): caught on
    // the way down, before cytoscape's listener on the container sees it.
    const onWheel = (e: WheelEvent) => {
      const c = cy();
      if (!c || !containerRef.current?.contains(e.target as Node)) return;
      e.preventDefault();
      e.stopPropagation();
      const box = containerRef.current.getBoundingClientRect();
      zoomBy(wheelNotches(e.deltaY, e.deltaMode), { x: e.clientX - box.left, y: e.clientY - box.top });
    };
    const wrap = wrapRef.current!;
    wrap.addEventListener('wheel', onWheel, { capture: true, passive: false });
    return () => {
      window.removeEventListener('jit-theme', restyle);
      media.removeEventListener('change', restyle);
      wrap.removeEventListener('wheel', onWheel, { capture: true });
      cy()?.destroy();
      cyRef.current = null;
    };
  }, []);

  // Draw. A new filter lays everything out and fits; new data (a live update) is applied in place: removed
  // nodes go, changed ones are restyled, new ones are placed next to their neighbours, and the view is
  // refitted only if the user has not zoomed or panned.
  useEffect(() => {
    if (!shown) return;
    const cy = ensureCy(all!.nodes.length);
    const before = drawn.current;
    if (!before || before.filterKey !== filterKey) {
      const positions = layeredLayout(shown.nodes.map((n) => n.id), shown.edges, LAYOUT);
      cy.batch(() => {
        cy.elements().remove();
        cy.add([...shown.nodes.map((n) => nodeElement(n, positions.get(n.id))), ...shown.edges.map(edgeElement)]);
      });
      fitTo(cy, positions.values());
      viewMoved.current = false;
    } else {
      const diff = diffGraph(before.graph, shown);
      if (!isEmptyDiff(diff)) {
        cy.batch(() => {
          for (const e of diff.removedEdges) cy.getElementById(edgeKey(e)).remove();
          for (const id of diff.removedNodes) cy.getElementById(id).remove();
          for (const n of diff.changedNodes) {
            cy.getElementById(n.id).data({ caption: nodeCaption(n), state: n.state, title: n.label }).toggleClass('blocked', n.blocked);
          }
          const placed = placeNewNodes(positionsOf(cy), diff.addedNodes.map((n) => n.id), shown.edges, LAYOUT);
          cy.add([...diff.addedNodes.map((n) => nodeElement(n, placed.get(n.id))), ...diff.addedEdges.map(edgeElement)]);
        });
        if (!viewMoved.current) fitTo(cy, positionsOf(cy).values());
      }
    }
    cy.nodes('.focus').removeClass('focus');
    if (focus) cy.getElementById(focus).addClass('focus');
    if (selected && cy.getElementById(selected).empty()) setSelected(null);
    drawn.current = { graph: shown, filterKey };
    showZoom(cy);
    cy.one('render', () => requestAnimationFrame(() => markInteractive('graph')));
    cy.resize();
    containerRef.current!.dataset.nodes = String(cy.nodes().length);
    containerRef.current!.dataset.edges = String(cy.edges().length);
  }, [shown]);

  // The selection (keyboard, find box) is marked on its node.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.nodes('.current').removeClass('current');
    if (selected) cy.getElementById(selected).addClass('current');
  }, [selected, shown]);

  /** Selects a node and brings it into view: centred at reading size, or (`zoomIn` false) only if off screen. */
  const select = (id: string, zoomIn: boolean) => {
    const cy = cyRef.current;
    const node = cy?.getElementById(id);
    if (!cy || !node || node.empty()) return;
    setSelected(id);
    const p = node.renderedPosition();
    const margin = 40;
    if (zoomIn || p.x < margin || p.y < margin || p.x > cy.width() - margin || p.y > cy.height() - margin) {
      viewMoved.current = true;
      cy.stop();
      cy.animate({ center: { eles: node }, zoom: zoomIn ? Math.max(cy.zoom(), 1) : cy.zoom() }, { duration: 200 });
    }
  };

  /** Find result picked: select the node at reading size; picking the selected one opens it. */
  const pick = (id: string) => {
    if (selected === id) location.hash = issueHref(id);
    else select(id, true);
  };

  const step = (dir: Direction | 'next' | 'prev') => {
    const cy = cyRef.current;
    if (!cy || cy.nodes().empty()) return;
    const positions = positionsOf(cy);
    let next: string | null;
    if (!selected || !positions.has(selected)) {
      const pan = cy.pan();
      next = nearestTo({ x: (cy.width() / 2 - pan.x) / cy.zoom(), y: (cy.height() / 2 - pan.y) / cy.zoom() }, positions);
    } else if (dir === 'next' || dir === 'prev') {
      const order = readingOrder(positions);
      const i = order.indexOf(selected) + (dir === 'next' ? 1 : -1);
      next = order[Math.max(0, Math.min(order.length - 1, i))];
    } else {
      next = stepSelection(selected, dir, positions, shown?.edges ?? [], NODE_W) ?? selected;
    }
    if (next) select(next, false);
  };

  const onGraphKey = (e: KeyboardEvent) => {
    const dir = ARROWS[e.key];
    if (dir) {
      e.preventDefault();
      step(dir);
    } else if (e.key === 'Enter' && selected) {
      e.preventDefault();
      e.stopPropagation(); // the page's Enter shortcut would open it a second time
      location.hash = issueHref(selected);
    }
  };

  useCommand((c) => {
    const onPage = document.activeElement === document.body || document.activeElement === containerRef.current;
    if (c === 'focus' && (hovered.current ?? selected)) setParams({ focus: hovered.current ?? selected });
    else if (c === 'escape' && params.focus) setParams({ focus: null });
    else if (c === 'search') findRef.current?.focus();
    else if (c === 'zoom-in') zoomBy(1);
    else if (c === 'zoom-out') zoomBy(-1);
    else if (c === 'zoom-fit') fit();
    else if ((c === 'next' || c === 'prev') && onPage) step(c);
    else if (c === 'open' && selected && onPage) location.hash = issueHref(selected);
  });

  const matches = all ? findNodes(shown?.nodes ?? [], find) : [];
  const resultButtons = () => [...document.querySelectorAll<HTMLButtonElement>('.find-results .find-result')];
  // The find results are a list of buttons: arrow keys move between them (and back up to the box).
  const onResultKey = (e: KeyboardEvent, id: string) => {
    const buttons = resultButtons();
    const i = buttons.indexOf(e.currentTarget as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const j = i + (e.key === 'ArrowDown' ? 1 : -1);
      (j < 0 ? findRef.current : buttons[Math.min(j, buttons.length - 1)])?.focus();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation(); // handled here, not by the page's Enter shortcut
      pick(id);
    }
  };
  const selectedNode = selected ? shown?.nodes.find((n) => n.id === selected) : undefined;

  return (
    <div class="graph-view">
      <h1 class="visually-hidden">Dependency graph</h1>
      <div class="filters graph-controls">
        <div class="find-wrap">
          <input ref={findRef} class="graph-find" type="search" placeholder="find issue…  ( / )" aria-label="find issue in graph"
            aria-controls={matches.length ? 'graph-find-results' : undefined} value={find} onInput={(e) => setFind(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && matches[0]) pick(matches[0].id);
              else if (e.key === 'ArrowDown' && matches[0]) {
                e.preventDefault();
                resultButtons()[0]?.focus();
              }
            }} />
          {matches.length > 0 ? (
            <ul class="find-results" id="graph-find-results" aria-label="find results: Enter selects, Enter again opens">
              {matches.map((m) => (
                <li key={m.id}>
                  <button class={`link find-result${m.id === selected ? ' on' : ''}`} aria-current={m.id === selected ? 'true' : undefined}
                    onClick={() => pick(m.id)} onKeyDown={(e) => onResultKey(e, m.id)}>
                    <code>{m.id.slice(0, 8)}</code> {m.label}
                  </button>
                  <button class="small-btn" aria-label={`focus ${m.id.slice(0, 8)}`}
                    onClick={() => { setFind(''); setParams({ focus: m.id }); }}>focus</button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <fieldset class="chips" aria-label="state filter">
          {STATES.map((s) => (
            <label key={s} class={`chip state-${s}${states.includes(s) ? ' on' : ''}`}>
              <input type="checkbox" checked={states.includes(s)}
                onChange={() => setParams({ state: (states.includes(s) ? states.filter((x) => x !== s) : [...states, s]).join(',') })} />
              <span class={`swatch state-${s}`} />{STATE_LABELS[s]}
            </label>
          ))}
        </fieldset>
        {doneCount > 0 && states.length === 0 ? (
          <label class={`chip done-toggle${showDone ? ' on' : ''}`} title="done, archived and rejected issues">
            <input type="checkbox" checked={showDone} onChange={() => setParams({ done: showDone ? 'hide' : 'show' })} />
            show done ({doneCount})
          </label>
        ) : null}
        <form class="inline-form" onSubmit={(e) => { e.preventDefault(); setParams({ label: labelText.trim() }); }}>
          <input class="small" placeholder="label (epic:*)" aria-label="label filter" value={labelText}
            onInput={(e) => setLabelText(e.currentTarget.value)} onBlur={() => setParams({ label: labelText.trim() })} />
        </form>
        {params.focus ? (
          <span class="focus-chip">focus: {focus ? <a href={issueHref(focus)}><code>{focus.slice(0, 8)}</code></a> : <code>{params.focus}</code>}
            <button class="icon" aria-label="clear focus" onClick={() => setParams({ focus: null })}>×</button></span>
        ) : <span class="muted hint">hover or select a node and press f to focus it</span>}
        <div class="zoom-controls" role="group" aria-label="zoom">
          <button class="icon-btn" aria-label="zoom out" title="zoom out (-)" onClick={() => zoomBy(-1)}>−</button>
          <span class="zoom-level muted" ref={zoomLabelRef} />
          <button class="icon-btn" aria-label="zoom in" title="zoom in (+)" onClick={() => zoomBy(1)}>+</button>
          <button aria-label="fit the graph to the window" title="fit (0)" onClick={fit}>fit</button>
          <button title="lay the graph out again (live changes only add nodes next to their neighbours)"
            onClick={() => setLayoutRound((r) => r + 1)}>relayout</button>
        </div>
        <span class="muted graph-count">{shown ? `${shown.nodes.length} issues · ${shown.edges.length} dependencies` : ''}</span>
      </div>
      {focusResolution && 'error' in focusResolution ? (
        <p class="graph-message" role="alert">focus: {focusResolution.message}; showing every issue.</p>
      ) : null}
      <ErrorLine error={load.error} retry={load.reload} />
      <div class="graph-wrap" ref={wrapRef}>
        <div class="graph" ref={containerRef} tabIndex={0} role="application" aria-label="dependency graph"
          aria-describedby="graph-keys" onKeyDown={onGraphKey} />
        <p id="graph-keys" class="visually-hidden">
          Arrow keys select issues: left a dependency, right a dependent, up and down within a column. Enter opens the
          selected issue; plus and minus zoom, 0 fits.
        </p>
        {tip ? (
          <div class="graph-tip" role="tooltip" style={{ left: `${tip.x}px`, top: `${tip.y}px` }}>
            <code>{tip.id.slice(0, 8)}</code> {tip.title}
          </div>
        ) : null}
        <div class="graph-selection" aria-live="polite">
          {selectedNode ? (
            <>
              <code>{selectedNode.id.slice(0, 8)}</code> <span class="selection-title">{selectedNode.label}</span>
              {' '}<span class="muted">{STATE_LABELS[selectedNode.state]}{selectedNode.blocked ? ' · blocked' : ''}</span>
              {' '}<a href={issueHref(selectedNode.id)}>open</a>
            </>
          ) : null}
        </div>
        {!all && !load.error ? <p class="graph-loading muted">loading graph…</p> : null}
        {shown && shown.nodes.length === 0 ? <p class="graph-loading muted">no issue matches the filter</p> : null}
        <ul class="legend" aria-label="legend">
          {STATES.map((s) => <li key={s}><span class={`swatch state-${s}`} />{STATE_LABELS[s]}</li>)}
          <li><span class="swatch blocked" />blocked</li>
          <li class="muted">arrow: dependency → dependent</li>
        </ul>
      </div>
    </div>
  );
}
