// Builds what a module's preflight check sees for a task on a host: every host's play-level variables and their origins.

import type { PreflightContext } from '../modules/types.js';
import type { Inherited, PlayContext } from '../executor/run-context.js';
import { taskVars } from '../executor/var-scope.js';
import type { TaskNode } from '../loader/model.js';
import { loadRoleDefaults, type RoleDefaults } from './role-defaults.js';
import { findVarOriginChained } from './var-origin.js';

type Obj = Record<string, unknown>;

const PLAY_LEVEL: Inherited = { varsChain: [], when: [], tags: [] };

export interface LintPreflightContext extends PreflightContext {
  /** the same view with these roles' defaults (and their dependencies') added below the play's own */
  withRoleDefaults(roles: readonly string[]): PreflightContext;
}

export function makePreflightContext(pc: PlayContext, task: TaskNode, host: string, vars: Obj, extra: readonly RoleDefaults[] = []): LintPreflightContext {
  const inventory = pc.run.inventory;
  // the play's role defaults win over the extra roles' (as a role of the play would)
  const view: PlayContext = extra.length === 0 ? pc : { ...pc, roleVars: { defaults: Object.assign({}, ...extra.map((r) => r.defaults), pc.roleVars.defaults), vars: pc.roleVars.vars } };
  const cache = new Map<string, Obj>();
  const varsOf = (h: string): Obj => {
    let v = cache.get(h);
    if (!v) {
      // hostvars[x] of every host is varsOf(x): nothing changes during the preflight, and one view
      // per host instead of one per host and reader (10 000 at 100 hosts, 200 MB of heap)
      v = taskVars(view, h, PLAY_LEVEL, {}, varsOf);
      cache.set(h, v);
    }
    return v;
  };
  return {
    host,
    vars,
    loc: task.loc,
    inventoryHosts: inventory.hosts,
    groups: inventory.groups(),
    varsOf,
    originOf: (h, name) => findVarOriginChained(pc, h, name, extra),
    hostLoc: (h) => inventory.hostLoc(h),
    withRoleDefaults: (roles) => {
      const opts = pc.run.options;
      const loaded = loadRoleDefaults(roles, { playbookDir: pc.run.playbook.dir, cwd: opts.cwd ?? process.cwd(), env: opts.env }, task.loc);
      return makePreflightContext(pc, task, host, vars, [...extra, ...loaded]);
    },
  };
}
