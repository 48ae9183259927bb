// The cluster picture as Mermaid flowchart text (renders on GitHub, GitLab and in most Markdown viewers).

import type { ClusterModel, ClusterNode, LinkKind, NodeKind } from './cluster-model.js';

const SUBGRAPH: Readonly<Record<NodeKind, string>> = {
  clients: '',
  lb: 'load balancer',
  manager: 'ESB manager',
  worker: 'ESB workers',
  db: 'database',
};

const ARROW: Readonly<Record<LinkKind, string>> = { http: '-->', jdbc: '-->', wka: '-.->' };

/** Mermaid ids: letters, digits and _ only. */
function idOf(id: string): string {
  return `n_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** A quoted Mermaid label (quotes as #quot;, lines joined with <br/>). */
function label(lines: readonly string[]): string {
  return `"${lines.map((l) => l.replace(/"/g, '#quot;').replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'))).join('<br/>')}"`;
}

function shape(n: ClusterNode): string {
  if (n.kind === 'clients') return `${idOf(n.id)}([${label(n.lines)}])`;
  if (n.kind === 'db') return `${idOf(n.id)}[(${label(n.lines)})]`;
  return `${idOf(n.id)}[${label(n.lines)}]`;
}

/** `flowchart TB` with one subgraph per kind of node, links labelled with their ports. */
export function toMermaid(model: ClusterModel): string {
  const out = ['flowchart TB'];
  for (const n of model.nodes.filter((x) => x.kind === 'clients')) out.push(`  ${shape(n)}`);
  for (const kind of ['lb', 'manager', 'worker', 'db'] as const) {
    const members = model.nodes.filter((x) => x.kind === kind);
    if (members.length === 0) continue;
    out.push(`  subgraph ${kind}_group[${label([SUBGRAPH[kind]])}]`);
    for (const n of members) out.push(`    ${shape(n)}`);
    out.push('  end');
  }
  for (const l of model.links) out.push(`  ${idOf(l.from)} ${ARROW[l.kind]}|${label([l.label])}| ${idOf(l.to)}`);
  out.push(
    '  classDef lb fill:#e8f1fb,stroke:#2f6db5',
    '  classDef manager fill:#fdf1e3,stroke:#c27a1a',
    '  classDef worker fill:#eaf6ea,stroke:#3c8d3c',
    '  classDef db fill:#f3eafa,stroke:#7a4fa3',
  );
  for (const kind of ['lb', 'manager', 'worker', 'db'] as const) {
    const ids = model.nodes.filter((x) => x.kind === kind).map((x) => idOf(x.id));
    if (ids.length > 0) out.push(`  class ${ids.join(',')} ${kind}`);
  }
  return `${out.join('\n')}\n`;
}
