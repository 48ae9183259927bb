// Builds the variables a task sees on a host, in Ansible's precedence order (docs/variables.md).

import type { RoleRef } from '../loader/model.js';
import { lazyMap, makeVarView, type VarLayer } from '../vars/lazy-vars.js';
import type { Inherited, PlayContext } from './run-context.js';

type Obj = Record<string, unknown>;

/** Ansible's `omit`: an argument whose value is exactly this is dropped. */
export const OMIT = '__omit_place_holder__esbplay__';

function roleChainDefaults(roles: readonly RoleRef[], pick: 'defaults' | 'vars'): Obj {
  const out: Obj = {};
  for (const r of roles) Object.assign(out, r.role[pick]);
  return out;
}

/** Variables of a host at play level (no task scope): what hostvars[host] shows. */
export function hostLayers(pc: PlayContext, host: string): VarLayer[] {
  const run = pc.run;
  const state = run.hosts.get(host);
  return [
    { name: 'role defaults', vars: roleChainDefaults(pc.allRoles, 'defaults') },
    { name: 'inventory', vars: run.inventory.hostVars(host) },
    { name: 'play vars', vars: pc.play.vars },
    { name: 'play vars_files', vars: pc.varsFiles },
    { name: 'role vars', vars: roleChainDefaults(pc.allRoles, 'vars') },
    { name: 'facts', vars: state?.facts ?? {} },
    { name: 'magic', vars: magicVars(pc, host) },
    { name: 'extra vars', vars: run.options.extraVars ?? {} },
  ];
}

/** Variables of one task on one host. */
export function taskVars(pc: PlayContext, host: string, inh: Inherited, extra: Obj = {}): Obj {
  const run = pc.run;
  const state = run.hosts.get(host);
  const role = inh.role;
  const layers: VarLayer[] = [
    { name: 'role defaults', vars: roleChainDefaults(pc.allRoles, 'defaults') },
    { name: 'task role defaults', vars: role?.role.defaults ?? {} },
    { name: 'inventory', vars: run.inventory.hostVars(host) },
    { name: 'play vars', vars: pc.play.vars },
    { name: 'play vars_files', vars: pc.varsFiles },
    { name: 'role vars', vars: roleChainDefaults(pc.allRoles, 'vars') },
    { name: 'task role vars', vars: role?.role.vars ?? {} },
    ...inh.varsChain.map((v) => ({ name: 'block/task vars', vars: v })),
    { name: 'facts', vars: state?.facts ?? {} },
    { name: 'role params', vars: role?.params ?? {} },
    { name: 'include params', vars: inh.includeParams ?? {} },
    { name: 'magic', vars: { ...magicVars(pc, host), role_name: role?.role.name, role_path: role?.role.path } },
    { name: 'loop', vars: extra },
    { name: 'extra vars', vars: run.options.extraVars ?? {} },
  ];
  return makeVarView(layers);
}

function magicVars(pc: PlayContext, host: string): Obj {
  const run = pc.run;
  const active = pc.batch.filter((h) => run.hosts.get(h)?.active);
  return {
    ...run.inventory.magicVars(host),
    hostvars: lazyMap(run.inventory.hosts, (h) => makeVarView(hostLayers(pc, h))),
    play_hosts: active,
    ansible_play_hosts: active,
    ansible_play_batch: active,
    ansible_play_hosts_all: pc.playHosts,
    ansible_play_name: pc.play.name,
    playbook_dir: run.playbook.dir,
    ansible_check_mode: run.mode !== 'run',
    esbplay_check_mode: run.mode !== 'run',
    esbplay_dry_run: run.mode === 'dry-run',
    ansible_diff_mode: !!run.options.diff,
    omit: OMIT,
  };
}
