// Builds the variables a task sees on a host, in Ansible's precedence order (docs/variables.md).

import type { RoleRef } from '../loader/model.js';
import { lazyMap, makeVarView, type VarLayer } from '../vars/lazy-vars.js';
import type { Inherited, PlayContext } from './run-context.js';

type Obj = Record<string, unknown>;

/** Ansible's `omit`: an argument whose value is exactly this is dropped. */
export const OMIT = '__omit_place_holder__esbplay__';

/** The play's role defaults and role vars, merged once per play (every role, dependencies first). */
export function mergeRoleVars(roles: readonly RoleRef[]): { readonly defaults: Obj; readonly vars: Obj } {
  const defaults: Obj = {};
  const vars: Obj = {};
  for (const r of roles) {
    Object.assign(defaults, r.role.defaults);
    Object.assign(vars, r.role.vars);
  }
  return { defaults, vars };
}

const PLAY_LEVEL: Inherited = { varsChain: [], when: [], tags: [] };

/** Every layer, lowest precedence first; without task scope it is what hostvars[host] shows. */
function layers(pc: PlayContext, host: string, inh: Inherited, loop: Obj): VarLayer[] {
  const run = pc.run;
  const role = inh.role;
  const magic = magicVars(pc, host);
  return [
    { name: 'role defaults', vars: pc.roleVars.defaults },
    { name: 'task role defaults', vars: role?.role.defaults ?? {} },
    { name: 'inventory', vars: run.inventory.hostVars(host) },
    { name: 'play vars', vars: pc.play.vars },
    { name: 'play vars_files', vars: pc.varsFiles },
    { name: 'role vars', vars: pc.roleVars.vars },
    { name: 'task role vars', vars: role?.role.vars ?? {} },
    ...inh.varsChain.map((v) => ({ name: 'block/task vars', vars: v })),
    { name: 'facts', vars: run.hosts.get(host)?.facts ?? {} },
    { name: 'role params', vars: role?.params ?? {} },
    { name: 'include params', vars: inh.includeParams ?? {} },
    { name: 'magic', vars: role ? { ...magic, role_name: role.role.name, role_path: role.role.path } : magic },
    { name: 'loop', vars: loop },
    { name: 'extra vars', vars: run.options.extraVars ?? {} },
  ];
}

/** Variables of one task on one host. */
export function taskVars(pc: PlayContext, host: string, inh: Inherited, loop: Obj = {}): Obj {
  return makeVarView(layers(pc, host, inh, loop));
}

function magicVars(pc: PlayContext, host: string): Obj {
  const run = pc.run;
  const active = pc.batch.filter((h) => run.hosts.get(h)?.active);
  return {
    ...run.inventory.magicVars(host),
    hostvars: lazyMap(run.inventory.hosts, (h) => makeVarView(layers(pc, h, PLAY_LEVEL, {}))),
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
