// The defaults of named roles (their meta dependencies first), for a lint that runs in a play without those roles.

import type { SourceLoc } from '../errors.js';
import { isObj } from '../loader/fields.js';
import { findRoleDir, loadRoleVars, roleFile, roleSearchPath } from '../loader/role.js';
import { loadYamlFile } from '../loader/yaml.js';

type Obj = Record<string, unknown>;

export interface RoleDefaults {
  readonly name: string;
  /** the loaded defaults mapping (it keeps the file positions of its keys) */
  readonly defaults: Obj;
}

function dependencyNames(roleDir: string): string[] {
  const f = roleFile(roleDir, 'meta');
  const meta = f ? loadYamlFile(f) : undefined;
  const deps = isObj(meta) && Array.isArray(meta.dependencies) ? meta.dependencies : [];
  return deps.map((d) => (typeof d === 'string' ? d : isObj(d) ? String(d.role ?? d.name ?? '') : '')).filter(Boolean);
}

/** Each named role and its dependencies (dependencies first, each role once), with its defaults. */
export function loadRoleDefaults(names: readonly string[], dirs: { playbookDir: string; cwd: string; env?: NodeJS.ProcessEnv }, from: SourceLoc): RoleDefaults[] {
  const search = roleSearchPath(dirs.playbookDir, dirs.cwd, dirs.env);
  const out: RoleDefaults[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    const dir = findRoleDir(name, search, from);
    if (seen.has(dir)) return;
    seen.add(dir);
    for (const dep of dependencyNames(dir)) visit(dep);
    out.push({ name, defaults: loadRoleVars(dir, 'defaults') });
  };
  for (const n of names) visit(n);
  return out;
}
