// Finishes the group tree like Ansible: top groups under `all`, `ungrouped`, cycle check, depth and ancestors.

import type { InventoryDraft } from './draft.js';

export interface GroupGraph {
  /** longest distance from `all` (all = 0) */
  readonly depth: ReadonlyMap<string, number>;
  /** every group a host belongs to, directly or through a child group, `all` included */
  readonly hostGroups: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Mutates the draft into Ansible's final shape and computes depth and membership. */
export function reconcileGroups(draft: InventoryDraft): GroupGraph {
  for (const g of draft.groups.values()) {
    if (g.name !== 'all' && g.parents.length === 0) draft.addChild('all', g.name, undefined);
  }
  checkCycles(draft);
  for (const h of draft.hosts.values()) {
    const others = h.groups.filter((g) => g !== 'all' && g !== 'ungrouped');
    const ungrouped = draft.groups.get('ungrouped')!;
    if (others.length === 0 && !h.groups.includes('ungrouped')) {
      h.groups.push('ungrouped');
      ungrouped.hosts.push(h.name);
    } else if (others.length > 0 && h.groups.includes('ungrouped')) {
      h.groups.splice(h.groups.indexOf('ungrouped'), 1);
      ungrouped.hosts.splice(ungrouped.hosts.indexOf(h.name), 1);
    }
  }
  const depth = new Map<string, number>();
  const ancestors = new Map<string, Set<string>>();
  const visit = (name: string): Set<string> => {
    const known = ancestors.get(name);
    if (known) return known;
    const g = draft.groups.get(name)!;
    const set = new Set<string>();
    let d = 0;
    for (const p of g.parents) {
      set.add(p);
      for (const a of visit(p)) set.add(a);
      d = Math.max(d, depth.get(p)! + 1);
    }
    depth.set(name, d);
    ancestors.set(name, set);
    return set;
  };
  for (const name of draft.groups.keys()) visit(name);

  const hostGroups = new Map<string, Set<string>>();
  for (const h of draft.hosts.values()) {
    const set = new Set<string>(['all']);
    for (const g of h.groups) {
      set.add(g);
      for (const a of ancestors.get(g)!) set.add(a);
    }
    hostGroups.set(h.name, set);
  }
  return { depth, hostGroups };
}

/** A group that is (indirectly) its own child is an error at the edge that closes the loop. */
function checkCycles(draft: InventoryDraft): void {
  const done = new Set<string>();
  const path: string[] = [];
  const walk = (name: string): void => {
    if (done.has(name)) return;
    const g = draft.groups.get(name)!;
    path.push(name);
    for (const child of g.children) {
      const at = path.indexOf(child);
      if (at >= 0) {
        const loop = [...path.slice(at), child].join(' -> ');
        const message = `group '${child}' is its own descendant: ${loop}`;
        const loc = g.childLocs.get(child);
        throw draft.errorAt(message, loc ?? { file: draft.file, line: 1, col: 1 });
      }
      walk(child);
    }
    path.pop();
    done.add(name);
  };
  for (const name of draft.groups.keys()) walk(name);
}
