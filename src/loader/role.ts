// Finds roles on the role search path and reads their defaults, vars, tasks, handlers and meta.

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError, type SourceLoc } from '../errors.js';
import { errorAt, errorAtLoc, loadYamlFile, locOf } from './yaml.js';
import { isObj, optCount } from './fields.js';

type Obj = Record<string, unknown>;

/** Role search path: the playbook's roles/, the project's roles/, then ESBPLAY_ROLES_PATH. */
export function roleSearchPath(playbookDir: string, cwd: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs = [path.join(playbookDir, 'roles'), path.join(playbookDir, '..', 'roles'), path.join(cwd, 'roles')];
  for (const p of (env.ESBPLAY_ROLES_PATH ?? '').split(':')) if (p) dirs.push(path.resolve(cwd, p));
  return [...new Set(dirs.map((d) => path.resolve(d)))];
}

export function findRoleDir(name: string, searchPath: readonly string[], from: SourceLoc): string {
  if (!path.isAbsolute(name) && name.split(/[\\/]/).includes('..')) {
    throw errorAtLoc(`role '${name}' climbs out of the role search path with '..'; name a role by its name, give an absolute path, or add its directory to ESBPLAY_ROLES_PATH`, from);
  }
  if (name.includes('/') && isDir(name)) return path.resolve(name);
  for (const dir of searchPath) {
    const candidate = path.join(dir, name);
    if (isDir(candidate)) return candidate;
  }
  throw errorAtLoc(`role '${name}' not found; searched: ${searchPath.join(', ')}`, from);
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** main.yml, main.yaml or main in a role subdirectory; undefined when absent. */
export function roleFile(roleDir: string, sub: string): string | undefined {
  for (const f of ['main.yml', 'main.yaml', 'main']) {
    const p = path.join(roleDir, sub, f);
    if (existsSync(p)) return p;
  }
  return undefined;
}

export function loadRoleVars(roleDir: string, sub: 'defaults' | 'vars'): Obj {
  const f = roleFile(roleDir, sub);
  if (!f) return {};
  const v = loadYamlFile(f);
  if (v === null) return {};
  if (!isObj(v)) throw new UserError(`${sub}/main.yml of role ${path.basename(roleDir)} must be a mapping of variables`, locOf(v) ?? { file: f, line: 1, col: 1 });
  return v;
}

export interface DependencySpec {
  readonly name: string;
  readonly params: Obj;
  readonly when: unknown[];
  readonly tags: string[];
  readonly throttle?: number | string;
  readonly loc: SourceLoc;
}

export function loadRoleMeta(roleDir: string): DependencySpec[] {
  const f = roleFile(roleDir, 'meta');
  if (!f) return [];
  const meta = loadYamlFile(f);
  if (meta === null) return [];
  if (!isObj(meta)) throw new UserError(`meta/main.yml must be a mapping`, { file: f, line: 1, col: 1 });
  const deps = meta.dependencies ?? [];
  if (!Array.isArray(deps)) throw errorAt(`'dependencies' must be a list of roles`, meta, 'dependencies');
  return deps.map((d, i) => parseRoleEntry(d, deps, i));
}

/** A role entry in `roles:` or `dependencies:`: a name, or a mapping with role/name and params. */
export function parseRoleEntry(d: unknown, list: unknown[], i: number): DependencySpec {
  const loc = locOf(list, i)!;
  if (typeof d === 'string') return { name: d, params: {}, when: [], tags: [], loc };
  if (!isObj(d)) throw errorAt(`a role entry must be a name or a mapping with 'role'`, list, i);
  const name = d.role ?? d.name;
  if (typeof name !== 'string') throw errorAt(`role entry needs 'role: <name>'`, d);
  const { role: _r, name: _n, when, tags, vars, throttle: _t, ...params } = d;
  const when_ = when === undefined ? [] : Array.isArray(when) ? when : [when];
  const tags_ = tags === undefined ? [] : Array.isArray(tags) ? tags.map(String) : String(tags).split(',').map((s) => s.trim());
  return { name, params: { ...(isObj(vars) ? vars : {}), ...params }, when: when_, tags: tags_, throttle: optCount(d, 'throttle'), loc: locOf(d)! };
}
