// Builds the Inventory from a reconciled draft and its vars files, merging vars in Ansible's order.

import { UserError, type SourceLoc } from '../errors.js';
import { locOf } from '../loader/yaml.js';
import { didYouMean } from '../util/closest.js';
import type { InventoryDraft } from './draft.js';
import type { GroupGraph } from './graph.js';
import { LOCALHOST_NAMES, type Inventory, type VarsFile } from './types.js';

export interface BuildInput {
  readonly draft: InventoryDraft;
  readonly graph: GroupGraph;
  readonly dir: string;
  readonly groupFiles: ReadonlyMap<string, VarsFile[]>;
  readonly hostFiles: ReadonlyMap<string, VarsFile[]>;
  /** group_vars/ and host_vars/ beside the playbook */
  readonly playbookFiles?: { readonly groupFiles: ReadonlyMap<string, VarsFile[]>; readonly hostFiles: ReadonlyMap<string, VarsFile[]> };
  readonly warnings: readonly string[];
}

export function buildInventory(input: BuildInput): Inventory {
  const { draft, graph, dir, groupFiles, hostFiles } = input;
  const hosts = [...draft.hosts.keys()];
  const priority = readPriorities(draft);
  const byPrecedence = (a: string, b: string): number =>
    graph.depth.get(a)! - graph.depth.get(b)! || priority.get(a)! - priority.get(b)! || (a < b ? -1 : a > b ? 1 : 0);

  const requireHost = (host: string): void => {
    if (!draft.hosts.has(host)) throw new UserError(`unknown host '${host}': it is not in the inventory ${draft.file}${didYouMean(host, hosts)}`);
  };

  const hostVars = (host: string): Record<string, unknown> => {
    const implicit = !draft.hosts.has(host) && LOCALHOST_NAMES.includes(host);
    if (!implicit) requireHost(host);
    const groups = implicit ? ['all'] : [...graph.hostGroups.get(host)!].sort(byPrecedence);
    // Ansible's order: inventory file group vars; group_vars/all of the inventory, then of the
    // playbook; the other group_vars of the inventory, then of the playbook; the same for hosts
    const pb = input.playbookFiles;
    const vars: Record<string, unknown> = {};
    const add = (files: ReadonlyMap<string, VarsFile[]> | undefined, name: string) => {
      for (const f of files?.get(name) ?? []) Object.assign(vars, f.vars);
    };
    for (const g of groups) Object.assign(vars, draft.groups.get(g)!.vars);
    add(groupFiles, 'all');
    add(pb?.groupFiles, 'all');
    for (const g of groups) if (g !== 'all') add(groupFiles, g);
    for (const g of groups) if (g !== 'all') add(pb?.groupFiles, g);
    Object.assign(vars, implicit ? { ansible_connection: 'local' } : draft.hosts.get(host)!.vars);
    add(hostFiles, host);
    add(pb?.hostFiles, host);
    return vars;
  };

  // the same layers as hostVars, remembering where the last one that sets NAME wrote it
  const varOrigin = (host: string, name: string): SourceLoc | undefined => {
    if (!draft.hosts.has(host)) return undefined;
    const groups = [...graph.hostGroups.get(host)!].sort(byPrecedence);
    const pb = input.playbookFiles;
    let at: SourceLoc | undefined;
    const add = (files: ReadonlyMap<string, VarsFile[]> | undefined, entity: string) => {
      for (const f of files?.get(entity) ?? []) if (Object.hasOwn(f.vars, name)) at = locOf(f.vars, name) ?? { file: f.file, line: 1, col: 1 };
    };
    for (const g of groups) {
      const dg = draft.groups.get(g)!;
      if (Object.hasOwn(dg.vars, name)) at = dg.varLocs.get(name) ?? dg.loc ?? { file: draft.file, line: 1, col: 1 };
    }
    add(groupFiles, 'all');
    add(pb?.groupFiles, 'all');
    for (const g of groups) if (g !== 'all') add(groupFiles, g);
    for (const g of groups) if (g !== 'all') add(pb?.groupFiles, g);
    const h = draft.hosts.get(host)!;
    if (Object.hasOwn(h.vars, name)) at = h.varLocs.get(name) ?? h.loc;
    add(hostFiles, host);
    add(pb?.hostFiles, host);
    return at;
  };

  const groupNames = (host: string): string[] => {
    if (!draft.hosts.has(host) && LOCALHOST_NAMES.includes(host)) return [];
    requireHost(host);
    return [...graph.hostGroups.get(host)!].filter((g) => g !== 'all').sort();
  };

  /**
   * Ansible's order: a group's own hosts as they were listed, then its children's, level by level
   * (Group.get_hosts walks the descendants breadth first, each group's hosts in listing order).
   */
  const membersOf = (name: string): string[] => {
    const out: string[] = [];
    const seen = new Set<string>();
    const levels: string[] = [name];
    const visited = new Set<string>(levels);
    for (let i = 0; i < levels.length; i++) {
      for (const h of draft.groups.get(levels[i]!)!.hosts) if (!seen.has(h)) { seen.add(h); out.push(h); }
      for (const c of draft.groups.get(levels[i]!)!.children) if (!visited.has(c)) { visited.add(c); levels.push(c); }
    }
    return out;
  };
  let groupsCache: Record<string, string[]> | undefined;
  const groups = (): Record<string, string[]> => {
    groupsCache ??= Object.fromEntries([...draft.groups.keys()].map((g) => [g, membersOf(g)]));
    return Object.fromEntries(Object.entries(groupsCache).map(([g, list]) => [g, [...list]]));
  };

  return {
    file: draft.file,
    dir,
    hosts,
    warnings: [...draft.warnings, ...input.warnings],
    hasHost: (host) => draft.hosts.has(host),
    hostLoc: (host) => draft.hosts.get(host)?.loc,
    hostVars,
    varOrigin,
    groupNames,
    groups,
    magicVars: (host) => ({
      inventory_hostname: host,
      inventory_hostname_short: host.split('.')[0],
      group_names: groupNames(host),
      groups: groups(),
      inventory_dir: dir,
      inventory_file: draft.file,
    }),
  };
}

/** `ansible_group_priority` from the inventory file (default 1); like Ansible, group_vars/ cannot set it. */
function readPriorities(draft: InventoryDraft): Map<string, number> {
  const out = new Map<string, number>();
  for (const g of draft.groups.values()) {
    const raw = g.vars['ansible_group_priority'];
    if (raw === undefined) {
      out.set(g.name, 1);
      continue;
    }
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!Number.isInteger(n)) {
      const loc = g.varLocs.get('ansible_group_priority') ?? { file: draft.file, line: 1, col: 1 };
      throw draft.errorAt(`ansible_group_priority of group '${g.name}' must be an integer, got ${JSON.stringify(raw)}`, loc);
    }
    out.set(g.name, n);
  }
  return out;
}
