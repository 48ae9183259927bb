// The cluster picture as a standalone SVG: dagre lays the graph out, this file draws boxes, arrows and labels.

import dagre, { type EdgeLabel, type Graph, type GraphLabel, type NodeLabel } from '@dagrejs/dagre';
import type { ClusterLink, ClusterModel, LinkKind, NodeKind } from './cluster-model.js';

const FONT = 13;
const LINE = 17;
/** width of one character of the font (monospace-ish estimate, enough for boxes that fit their text) */
const CHAR = 7.4;
const PAD = 10;

const FILL: Readonly<Record<NodeKind, readonly [string, string]>> = {
  clients: ['#ffffff', '#555555'],
  lb: ['#e8f1fb', '#2f6db5'],
  manager: ['#fdf1e3', '#c27a1a'],
  worker: ['#eaf6ea', '#3c8d3c'],
  db: ['#f3eafa', '#7a4fa3'],
};

const STROKE: Readonly<Record<LinkKind, string>> = { http: '#333333', jdbc: '#7a4fa3', wka: '#c27a1a' };

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function boxSize(lines: readonly string[]): { width: number; height: number } {
  return { width: Math.ceil(Math.max(...lines.map((l) => l.length)) * CHAR + 2 * PAD), height: lines.length * LINE + 2 * PAD };
}

const r = (n: number) => Math.round(n * 10) / 10;

/** Lays the model out top to bottom and returns the SVG document. */
export function toSvg(model: ClusterModel): string {
  const g = new dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: model.links.some((l) => l.kind === 'wka') ? 150 : 70, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of model.nodes) g.setNode(n.id, boxSize(n.lines));
  // well-known-member links join nodes of one tier: they are drawn as arcs and take no part in the layout
  model.links.forEach((l, i) => {
    if (l.kind !== 'wka') g.setEdge(l.from, l.to, { ...boxSize([l.label]), height: LINE, labelpos: 'c' }, `e${i}`);
  });
  dagre.layout(g);
  const { width = 0, height = 0 } = g.graph();
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${r(width)}" height="${r(height)}" viewBox="0 0 ${r(width)} ${r(height)}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="${FONT}">`,
    '  <defs>',
    ...Object.entries(STROKE).map(
      ([k, c]) =>
        `    <marker id="arrow-${k}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${c}"/></marker>`,
    ),
    '  </defs>',
    `  <rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  model.links.forEach((l, i) => {
    if (l.kind !== 'wka') out.push(...edge(g, l, `e${i}`));
  });
  for (const pair of wkaPairs(model.links)) out.push(...arc(g, pair));
  for (const n of model.nodes) {
    const box = g.node(n.id);
    const [fill, stroke] = FILL[n.kind];
    const x = box.x - box.width / 2;
    const y = box.y - box.height / 2;
    const rx = n.kind === 'clients' ? box.height / 2 : 6;
    out.push(
      `  <g class="node ${n.kind}" id="node-${esc(n.id)}">`,
      `    <rect x="${r(x)}" y="${r(y)}" width="${r(box.width)}" height="${r(box.height)}" rx="${r(rx)}" fill="${fill}" stroke="${stroke}" stroke-width="1.5"/>`,
    );
    n.lines.forEach((line, i) => {
      const weight = i === 0 ? ' font-weight="bold"' : '';
      out.push(`    <text x="${r(box.x)}" y="${r(y + PAD + (i + 1) * LINE - 4)}" text-anchor="middle"${weight}>${esc(line)}</text>`);
    });
    out.push('  </g>');
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

type Laid = Graph<GraphLabel, NodeLabel, EdgeLabel>;

function labelText(x: number, y: number, kind: LinkKind, text: string): string {
  return `  <text x="${r(x)}" y="${r(y + 4)}" text-anchor="middle" fill="${STROKE[kind]}" paint-order="stroke" stroke="#ffffff" stroke-width="4">${esc(text)}</text>`;
}

/** A laid-out link: dagre's polyline and its label. */
function edge(g: Laid, l: ClusterLink, name: string): string[] {
  const e = g.edge(l.from, l.to, name);
  const pts = (e.points ?? []).map((p: { x: number; y: number }) => `${r(p.x)},${r(p.y)}`).join(' ');
  const out = [
    `  <polyline class="link ${l.kind}" points="${pts}" fill="none" stroke="${STROKE[l.kind]}" stroke-width="1.5" marker-end="url(#arrow-${l.kind})"/>`,
  ];
  if (e.x !== undefined && e.y !== undefined) out.push(labelText(e.x, e.y, l.kind, l.label));
  return out;
}

/** Well-known-member links, a link and its reverse as one pair (drawn once, arrows at both ends). */
interface WkaPair {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly both: boolean;
}

function wkaPairs(links: readonly ClusterLink[]): WkaPair[] {
  const wka = links.filter((l) => l.kind === 'wka');
  const out: WkaPair[] = [];
  for (const l of wka) {
    const back = wka.find((x) => x.from === l.to && x.to === l.from);
    if (back && out.some((p) => p.from === l.to && p.to === l.from)) continue;
    out.push({
      from: l.from,
      to: l.to,
      both: !!back,
      label: back && back.label !== l.label ? `${back.label} / ${l.label.replace('WKA ', '')}` : l.label,
    });
  }
  return out;
}

/** A well-known-member link: a dashed arc under the two boxes, bowing more the farther apart they are. */
function arc(g: Laid, l: WkaPair): string[] {
  const a = g.node(l.from);
  const b = g.node(l.to);
  const from = { x: a.x + (b.x > a.x ? 12 : -12), y: a.y + a.height / 2 };
  const to = { x: b.x + (a.x > b.x ? 12 : -12), y: b.y + b.height / 2 };
  const bow = 18 + Math.abs(to.x - from.x) * 0.18;
  const ctrl = { x: (from.x + to.x) / 2, y: Math.max(from.y, to.y) + bow };
  const mid = { x: (from.x + 2 * ctrl.x + to.x) / 4, y: (from.y + 2 * ctrl.y + to.y) / 4 };
  const start = l.both ? ' marker-start="url(#arrow-wka)"' : '';
  return [
    `  <path class="link wka" d="M${r(from.x)},${r(from.y)} Q${r(ctrl.x)},${r(ctrl.y)} ${r(to.x)},${r(to.y)}" fill="none" stroke="${STROKE.wka}" stroke-width="1.5" stroke-dasharray="6 4"${start} marker-end="url(#arrow-wka)"/>`,
    labelText(mid.x, mid.y, 'wka', l.label),
  ];
}
