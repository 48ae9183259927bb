// Builds the variables a task sees on a host, in Ansible's precedence order (docs/variables.md).

import type { RoleRef } from '../loader/model.js';
import { lazyMap, makeVarView, type VarLayer } from '../vars/lazy-vars.js';
import type { Inherited, PlayContext } from './run-context.js';
import { LOCALHOST_NAMES } from '../inventory/index.js';
import { commandLineVars } from './command-line-values.js';

type Obj = Record<string, unknown>;

/** Ansible's `omit`: an argument whose value is exactly this is dropped. */
export const OMIT = '__omit_place_holder__esbplay__';

/** The play's role defaults and role vars, merged once per play (every role, dependencies first). */
export function mergeRoleVars(roles: readonly RoleRef[]): { readonly defaults: Obj; readonly vars: Obj } {
  const defaults: Obj = {};
  const vars: Obj = {};
  for (const r of roles) {
    Object.assign(defaults, r.roleDefaults);
    // like Ansible (no private_role_vars): a role entry's vars, then the role's vars, for the whole play
    Object.assign(vars, r.vars ?? {}, r.roleVars);
  }
  return { defaults, vars };
}

const PLAY_LEVEL: Inherited = { varsChain: [], when: [], tags: [] };

/** Every layer, lowest precedence first; without task scope it is what hostvars[host] shows. */
function layers(pc: PlayContext, host: string, inh: Inherited, loop: Obj, hostvars?: HostVarsOf): VarLayer[] {
  const run = pc.run;
  const role = inh.role;
  const magic = magicVars(pc, host, hostvars);
  return [
    { name: 'command line values', vars: commandLineVars(run.options.commandLine) },
    { name: 'role defaults', vars: pc.roleVars.defaults },
    { name: 'task role defaults', vars: role?.roleDefaults ?? {} },
    { name: 'inventory', vars: run.inventory.hostVars(host) },
    { name: 'play vars', vars: pc.play.vars },
    { name: 'play vars_files', vars: pc.varsFiles(host) },
    { name: 'role vars', vars: pc.roleVars.vars },
    { name: 'role entry vars', vars: role?.vars ?? {} },
    { name: 'task role vars', vars: role?.roleVars ?? {} },
    ...inh.varsChain.map((v) => ({ name: 'block/task vars', vars: v })),
    // copies: makeVarView reads its layers when a name is read, and these change during the run
    { name: 'include_vars', vars: { ...run.hosts.get(host)?.includedVars } },
    { name: 'facts', vars: { ...run.hosts.get(host)?.facts } },
    { name: 'role params', vars: role?.params ?? {} },
    { name: 'include params', vars: inh.includeParams ?? {} },
    { name: 'magic', vars: role ? { ...magic, role_name: role.role.name, role_path: role.role.path } : magic },
    { name: 'loop', vars: loop },
    { name: 'extra vars', vars: run.options.extraVars ?? {} },
  ];
}

/** Where hostvars[h] comes from; by default a play-level view of h made when first read (per view). */
export type HostVarsOf = (host: string) => Obj;

/** Variables of one task on one host (`hostvars`: a caller whose views all see one moment may share them). */
export function taskVars(pc: PlayContext, host: string, inh: Inherited, loop: Obj = {}, hostvars?: HostVarsOf): Obj {
  return makeVarView(layers(pc, host, inh, loop, hostvars));
}

function magicVars(pc: PlayContext, host: string, hostvars?: HostVarsOf): Obj {
  const run = pc.run;
  const active = pc.batch.filter((h) => run.hosts.get(h)?.active);
  return {
    ...run.inventory.magicVars(host),
    // like Ansible, hostvars lists the inventory's hosts, and also answers for an implicit localhost
    hostvars: lazyMap(run.inventory.hosts, hostvars ?? ((h) => makeVarView(layers(pc, h, PLAY_LEVEL, {}))), LOCALHOST_NAMES.filter((h) => !run.inventory.hasHost(h))),
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
