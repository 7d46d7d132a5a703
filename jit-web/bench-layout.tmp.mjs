import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
cytoscape.use(dagre);
const N = +process.argv[2], els = [];
const id = (i) => 'n' + i;
for (let i = 0; i < N; i++) els.push({ data: { id: id(i) } });
let e = 0;
for (let i = 0; i < N; i++) for (const back of [1 + i % 7, 3 + i % 11]) if (i - back >= 0 && i % 5 !== 0) { els.push({ data: { id: 'e' + (e++), source: id(i - back), target: id(i) } }); }
const cy = cytoscape({ headless: true, elements: els, styleEnabled: true, style: [{ selector: 'node', style: { width: 170, height: 42 } }] });
let t = Date.now();
cy.layout({ name: 'dagre', rankDir: 'LR', nodeSep: 14, rankSep: 70, edgeSep: 6 }).run();
console.log('dagre', Date.now() - t, 'ms', e, 'edges');
