// Registers, before anything runs, the plain values stored under secret-looking names, so output masks them even before a task reads them.

import type { Inventory } from '../inventory/types.js';
import type { Playbook, RoleRef } from '../loader/model.js';
import { isSecretName, type Masker } from '../vars/secret.js';

type Vars = Readonly<Record<string, unknown>>;

/**
 * Values of variables named like passwords (isSecretName) in role defaults and vars, play vars,
 * inventory variables and extra vars. Templated values are left to the variable view, which
 * marks their rendered value when it is read. Without this, a diff's context line could show a
 * role-default password that no task of this run reads.
 */
export function registerNamedSecrets(masker: Masker, playbook: Playbook, inventory: Inventory, extraVars: Vars = {}): void {
  for (const vars of namedSources(playbook, inventory, extraVars)) {
    for (const [k, v] of Object.entries(vars)) {
      if (!isSecretName(k)) continue;
      if (typeof v === 'string' && !v.includes('{{') && !v.includes('{%')) masker.add(v);
      else if (typeof v === 'number') masker.add(String(v));
    }
  }
}

function* namedSources(playbook: Playbook, inventory: Inventory, extraVars: Vars): Generator<Vars> {
  const seen = new Set<string>();
  const roles = function* (refs: readonly RoleRef[]): Generator<Vars> {
    for (const r of refs) {
      if (seen.has(r.role.path)) continue;
      seen.add(r.role.path);
      yield* roles(r.role.dependencies);
      yield r.role.defaults;
      yield r.role.vars;
      yield r.params;
    }
  };
  for (const play of playbook.plays) {
    yield play.vars;
    yield* roles(play.roles);
  }
  for (const h of inventory.hosts) yield inventory.hostVars(h);
  yield extraVars;
}
