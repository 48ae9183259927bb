// Where a host's variable got its value in a play: -e, play vars, role vars, the inventory (file:line), role defaults.

import { formatLoc, type SourceLoc } from '../errors.js';
import type { RoleRef } from '../loader/model.js';
import { locOf } from '../loader/yaml.js';
import type { VarOrigin } from '../modules/types.js';
import type { PlayContext } from '../executor/run-context.js';
import type { RoleDefaults } from './role-defaults.js';

function rolesOf(refs: readonly RoleRef[], out: RoleRef[] = []): RoleRef[] {
  for (const r of refs) {
    rolesOf(r.role.dependencies, out);
    if (!out.some((o) => o.role.path === r.role.path)) out.push(r);
  }
  return out;
}

function at(label: string, loc: SourceLoc | undefined): VarOrigin {
  return loc ? { label: formatLoc(loc), loc } : { label };
}

/** The variables a template value names directly (`{{ node_ip }}` -> node_ip). */
function namedIn(raw: unknown): string[] {
  if (typeof raw !== 'string') return [];
  return [...new Set([...raw.matchAll(/\{\{\s*([A-Za-z_]\w*)\s*(?:\}\}|\|)/g)].map((m) => m[1]!))];
}

/** Like findVarOrigin, and for a template value, also where the variables it names were set (one level). */
export function findVarOriginChained(pc: PlayContext, host: string, name: string, extra: readonly RoleDefaults[] = []): VarOrigin | undefined {
  const found = findOrigin(pc, host, name, extra);
  if (!found) return undefined;
  const via = namedIn(found.raw).flatMap((ref) => {
    const o = ref === name ? undefined : findOrigin(pc, host, ref, extra);
    return o ? [`${ref} set at ${o.origin.label}`] : [];
  });
  return via.length ? { ...found.origin, label: `${found.origin.label}, from ${via.join(', ')}`, derived: true } : found.origin;
}

/**
 * The highest-precedence play-level source that sets NAME for HOST (task-level scopes are not
 * looked at); EXTRA: defaults of roles outside the play, below the play's own role defaults.
 */
export function findVarOrigin(pc: PlayContext, host: string, name: string, extra: readonly RoleDefaults[] = []): VarOrigin | undefined {
  return findOrigin(pc, host, name, extra)?.origin;
}

function findOrigin(pc: PlayContext, host: string, name: string, extra: readonly RoleDefaults[]): { origin: VarOrigin; raw: unknown } | undefined {
  const found = findLayer(pc, host, name, extra);
  return found && { origin: found[0], raw: (found[1] as Record<string, unknown>)[name] };
}

function findLayer(pc: PlayContext, host: string, name: string, extra: readonly RoleDefaults[]): [VarOrigin, unknown] | undefined {
  const run = pc.run;
  const has = (o: unknown) => o !== null && typeof o === 'object' && Object.hasOwn(o, name);
  if (has(run.options.extraVars)) return [{ label: '-e on the command line' }, run.options.extraVars];
  const state = run.hosts.get(host);
  if (has(state?.facts)) return [{ label: 'a fact set at run time (set_fact or register)' }, state!.facts];
  if (has(state?.includedVars)) return [{ label: 'include_vars at run time' }, state!.includedVars];
  const roles = rolesOf(pc.play.roles);
  for (const r of [...roles].reverse()) if (has(r.roleVars)) return [at(`vars of role ${r.role.name}`, locOf(r.roleVars, name)), r.roleVars];
  if (has(pc.varsFiles(host))) return [{ label: 'the play\'s vars_files' }, pc.varsFiles(host)];
  if (has(pc.play.vars)) return [at('the play\'s vars', locOf(pc.play.vars, name)), pc.play.vars];
  if (run.inventory.hasHost(host) && has(run.inventory.hostVars(host))) return [at(`the inventory ${run.inventory.file}`, run.inventory.varOrigin?.(host, name)), run.inventory.hostVars(host)];
  for (const r of [...roles].reverse()) if (has(r.roleDefaults)) return [at(`defaults of role ${r.role.name}`, locOf(r.roleDefaults, name)), r.roleDefaults];
  for (const r of [...extra].reverse()) if (has(r.defaults)) return [at(`defaults of role ${r.name}`, locOf(r.defaults, name)), r.defaults];
  return undefined;
}
