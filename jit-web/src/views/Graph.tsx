import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { loadGraph } from '../graphPrefetch';
import { ErrorLine, useCommand, useLoad } from '../components/common';
import { filterGraph, findNodes, nodeCaption, sameShape, STATE_LABELS } from '../graphModel';
import { layeredLayout } from '../layout';
import { markInteractive } from '../interactive';
import { useLiveRefresh } from '../live';
import { formatRoute, issueHref } from '../route';
import { STATES, type Graph as GraphData } from '../types';

/** Above this many nodes, trade some looks for speed while panning and zooming. */
const LARGE = 300;
const NODE_W = 170;
const NODE_H = 42;

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
        label: 'data(caption)', 'text-wrap': 'wrap', 'font-size': 11,
        'text-valign': 'center', 'text-halign': 'center', color: cssVar('--fg'),
        'font-family': 'ui-monospace, SFMono-Regular, Menlo, monospace', 'min-zoomed-font-size': 5,
      },
    },
    ...states,
    { selector: 'node.blocked', style: { 'border-style': 'dashed', 'border-width': 3, 'border-color': cssVar('--blocked') } },
    { selector: 'node.focus', style: { 'border-width': 4, 'underlay-color': cssVar('--accent'), 'underlay-opacity': 0.35, 'underlay-padding': 6 } },
    { selector: 'node.found', style: { 'underlay-color': cssVar('--accent'), 'underlay-opacity': 0.5, 'underlay-padding': 8 } },
    {
      selector: 'edge',
      style: {
        width: 1.2, 'line-color': cssVar('--edge'), 'target-arrow-color': cssVar('--edge'),
        'target-arrow-shape': 'triangle', 'curve-style': 'straight', 'arrow-scale': 0.8,
      },
    },
  ];
}

function elements(g: GraphData): ElementDefinition[] {
  const positions = layeredLayout(g.nodes.map((n) => n.id), g.edges, { nodeWidth: NODE_W, nodeHeight: NODE_H });
  return [
    ...g.nodes.map((n) => ({
      group: 'nodes' as const,
      position: positions.get(n.id),
      data: { id: n.id, caption: nodeCaption(n), state: n.state, title: n.label },
      classes: n.blocked ? 'blocked' : '',
    })),
    // Drawn from the dependency to the dependent: work flows left to right.
    ...g.edges.map((e) => ({ group: 'edges' as const, data: { id: `${e.from}>${e.to}`, source: e.to, target: e.from } })),
  ];
}

/**
 * Fits the view to the laid-out positions. cy.fit() would measure every label for the bounding box,
 * which costs seconds at 1,000 issues; the node boxes are known, so the extent is too.
 */
function fitTo(cy: Core, els: ElementDefinition[]) {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const e of els) if (e.position) { xs.push(e.position.x); ys.push(e.position.y); }
  if (xs.length === 0) return;
  const pad = 30;
  const legend = 50; // keep the bottom-left legend off the nodes
  const [x0, x1] = [Math.min(...xs) - NODE_W / 2, Math.max(...xs) + NODE_W / 2];
  const [y0, y1] = [Math.min(...ys) - NODE_H / 2, Math.max(...ys) + NODE_H / 2];
  const fit = Math.min((cy.width() - 2 * pad) / (x1 - x0), (cy.height() - 2 * pad - legend) / (y1 - y0));
  const zoom = Math.min(1.25, Math.max(0.05, fit)); // small graphs at reading size, not blown up
  cy.viewport({ zoom, pan: { x: (cy.width() - zoom * (x0 + x1)) / 2, y: (cy.height() - legend - zoom * (y0 + y1)) / 2 } });
}

export default function GraphView({ params }: { params: Record<string, string> }) {
  const load = useLoad(loadGraph, []);
  useLiveRefresh(load.reload);
  const states = params.state ? params.state.split(',') : [];
  const label = params.label ?? '';
  const focus = params.focus ?? null;
  const [find, setFind] = useState('');
  const [labelText, setLabelText] = useState(label);
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const drawn = useRef<GraphData | null>(null);
  const hovered = useRef<string | null>(null);

  const shown = useMemo(
    () => (load.data ? filterGraph(load.data, { states, label, focus }) : null),
    [load.data, params.state, label, focus],
  );

  const setParams = (patch: Record<string, string | null>) => {
    const next = { ...params };
    for (const [k, v] of Object.entries(patch)) {
      if (v) next[k] = v;
      else delete next[k];
    }
    location.hash = formatRoute({ view: 'graph', params: next });
  };

  // Create the graph; again only if the store grows past (or shrinks below) the large-graph mode.
  const large = (load.data?.nodes.length ?? 0) > LARGE;
  useEffect(() => {
    drawn.current = null;
    const cy = cytoscape({
      container: containerRef.current,
      style: graphStyle(),
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
      minZoom: 0.05,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    cy.on('tap', 'node', (e) => (location.hash = issueHref(e.target.id())));
    cy.on('mouseover', 'node', (e) => {
      hovered.current = e.target.id();
      containerRef.current!.title = `${e.target.id()}\n${e.target.data('title')}`;
    });
    cy.on('mouseout', 'node', () => (hovered.current = null));
    cyRef.current = cy;
    (containerRef.current as HTMLDivElement & { cy?: Core }).cy = cy;
    const restyle = () => cy.style(graphStyle());
    window.addEventListener('jit-theme', restyle);
    const media = matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', restyle);
    return () => {
      window.removeEventListener('jit-theme', restyle);
      media.removeEventListener('change', restyle);
      cy.destroy();
    };
  }, [large]);

  // Draw: restyle in place when only states changed, otherwise lay out again.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !shown) return;
    if (drawn.current && sameShape(drawn.current, shown)) {
      cy.batch(() => {
        for (const n of shown.nodes) {
          const el = cy.getElementById(n.id);
          el.data({ caption: nodeCaption(n), state: n.state, title: n.label });
          el.toggleClass('blocked', n.blocked);
        }
      });
    } else {
      const els = elements(shown);
      cy.batch(() => {
        cy.elements().remove();
        cy.add(els);
      });
      fitTo(cy, els);
      if (focus) cy.getElementById(focus).addClass('focus');
    }
    drawn.current = shown;
    cy.one('render', () => requestAnimationFrame(() => markInteractive('graph')));
    cy.resize();
    containerRef.current!.dataset.nodes = String(cy.nodes().length);
    containerRef.current!.dataset.edges = String(cy.edges().length);
  }, [shown, large]);

  const matches = load.data ? findNodes(shown?.nodes ?? [], find) : [];
  const center = (id: string) => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.nodes().removeClass('found');
    const n = cy.getElementById(id).addClass('found');
    cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), 1) }, { duration: 250 });
    hovered.current = id;
  };

  useCommand((c) => {
    if (c === 'focus' && hovered.current) setParams({ focus: hovered.current });
    else if (c === 'escape' && focus) setParams({ focus: null });
    else if (c === 'search') document.querySelector<HTMLInputElement>('.graph-find')?.focus();
  });

  return (
    <div class="graph-view">
      <div class="filters graph-controls">
        <div class="find-wrap">
          <input class="graph-find" type="search" placeholder="find issue…  ( / )" aria-label="find issue in graph"
            value={find} onInput={(e) => setFind(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && matches[0] && center(matches[0].id)} />
          {matches.length > 0 ? (
            <ul class="find-results" role="listbox">
              {matches.map((m) => (
                <li key={m.id}>
                  <button class="link" onClick={() => center(m.id)}><code>{m.id.slice(0, 8)}</code> {m.label}</button>
                  <button class="small-btn" onClick={() => { setFind(''); setParams({ focus: m.id }); }}>focus</button>
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
              {STATE_LABELS[s]}
            </label>
          ))}
        </fieldset>
        <form class="inline-form" onSubmit={(e) => { e.preventDefault(); setParams({ label: labelText.trim() }); }}>
          <input class="small" placeholder="label (epic:*)" aria-label="label filter" value={labelText}
            onInput={(e) => setLabelText(e.currentTarget.value)} onBlur={() => setParams({ label: labelText.trim() })} />
        </form>
        {focus ? (
          <span class="focus-chip">focus: <a href={issueHref(focus)}><code>{focus.slice(0, 8)}</code></a>
            <button class="icon" aria-label="clear focus" onClick={() => setParams({ focus: null })}>×</button></span>
        ) : <span class="muted hint">hover a node and press f to focus it</span>}
        <button onClick={() => cyRef.current && fitTo(cyRef.current, cyRef.current.nodes().map((n) => ({ data: {}, position: n.position() })))}>fit</button>
        <span class="muted graph-count">{shown ? `${shown.nodes.length} issues · ${shown.edges.length} dependencies` : ''}</span>
      </div>
      <ErrorLine error={load.error} retry={load.reload} />
      <div class="graph-wrap">
        <div class="graph" ref={containerRef} aria-label="dependency graph" role="img" />
        {!load.data && !load.error ? <p class="graph-loading muted">loading graph…</p> : null}
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
