// Each host's variables as the playbook's roles see them (role defaults < inventory < play vars < role vars), rendered on read.

import { loadRun } from '../executor/run-playbook.js';
import { selectHosts } from '../inventory/index.js';
import type { Inventory } from '../inventory/types.js';
import type { Playbook, RoleRef } from '../loader/model.js';
import { lazyMap, makeVarView, type VarLayer } from '../vars/lazy-vars.js';

type Obj = Record<string, unknown>;

export interface LoadedCluster {
  readonly inventory: Inventory;
  readonly playbook: Playbook;
  /** a host's variables; reading one renders it (templates, hostvars, groups) */
  vars(host: string): Obj;
}

/** Roles of a play with their meta dependencies, dependencies first. */
function flattenRoles(roles: readonly RoleRef[], out: RoleRef[] = []): RoleRef[] {
  for (const r of roles) {
    flattenRoles(r.role.dependencies, out);
    out.push(r);
  }
  return out;
}

/** Loads inventory and playbook (exit 5 on bad input) and builds the per-host views. */
export function loadCluster(inventory: string, playbook: string, cwd: string, env: NodeJS.ProcessEnv): LoadedCluster {
  const { inventory: inv, playbook: pb } = loadRun({ inventory, playbook, cwd, env });
  const defaults = new Map<string, Obj>();
  const playVars = new Map<string, Obj>();
  const roleVars = new Map<string, Obj>();
  for (const play of pb.plays) {
    const roles = flattenRoles(play.roles);
    for (const h of selectHosts(inv, play.hosts, {})) {
      defaults.set(h, Object.assign(defaults.get(h) ?? {}, ...roles.map((r) => r.roleDefaults)));
      playVars.set(h, Object.assign(playVars.get(h) ?? {}, play.vars));
      roleVars.set(h, Object.assign(roleVars.get(h) ?? {}, ...roles.map((r) => r.roleVars)));
    }
  }
  const views = new Map<string, Obj>();
  const view = (host: string): Obj => {
    let v = views.get(host);
    if (!v) {
      const layers: VarLayer[] = [
        { name: 'role defaults', vars: defaults.get(host) ?? {} },
        { name: 'inventory', vars: inv.hostVars(host) },
        { name: 'play vars', vars: playVars.get(host) ?? {} },
        { name: 'role vars', vars: roleVars.get(host) ?? {} },
        { name: 'magic', vars: { ...inv.magicVars(host), hostvars: lazyMap(inv.hosts, view), playbook_dir: pb.dir } },
      ];
      v = makeVarView(layers);
      views.set(host, v);
    }
    return v;
  };
  return { inventory: inv, playbook: pb, vars: view };
}

/** A variable of a host, or undefined when it is unset or cannot be rendered (a graph never fails on one value). */
export function readVar(vars: Obj, name: string): unknown {
  try {
    return vars[name];
  } catch {
    return undefined;
  }
}
