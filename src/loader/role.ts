// Finds roles on the role search path and reads their defaults, vars, tasks, handlers and meta.

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError, type SourceLoc } from '../errors.js';
import { errorAt, errorAtLoc, loadYamlFile, locOf } from './yaml.js';
import { isObj, optBool } from './fields.js';
import type { RoleUse } from './model.js';
import { readKeywords } from './read-keywords.js';
import { keywordsOf } from './keywords.js';
import { packagePath } from '../package-root.js';

type Obj = Record<string, unknown>;

/** Role search path: the playbook's roles/, the project's roles/, then ESBPLAY_ROLES_PATH, then the roles esbplay ships. */
export function roleSearchPath(playbookDir: string, cwd: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs = [path.join(playbookDir, 'roles'), path.join(playbookDir, '..', 'roles'), path.join(cwd, 'roles')];
  for (const p of (env.ESBPLAY_ROLES_PATH ?? '').split(':')) if (p) dirs.push(path.resolve(cwd, p));
  dirs.push(packagePath('roles'));
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

/**
 * `<sub>/<name>` of a role: `main` by default, with or without .yml/.yaml/.json (Ansible's
 * order); undefined when absent.
 */
export function roleFile(roleDir: string, sub: string, name = 'main'): string | undefined {
  for (const ext of ['.yml', '.yaml', '.json', '']) {
    const p = path.join(roleDir, sub, name + ext);
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return undefined;
}

/** defaults/ or vars/ of a role (`from` names another file than main; it must exist). */
export function loadRoleVars(roleDir: string, sub: 'defaults' | 'vars', from?: string, loc?: SourceLoc): Obj {
  const f = roleFile(roleDir, sub, from ?? 'main');
  if (!f) {
    if (from !== undefined) throw errorAtLoc(`role ${path.basename(roleDir)} has no ${sub}/${from}(.yml)`, loc ?? { file: roleDir, line: 1, col: 1 });
    return {};
  }
  const v = loadYamlFile(f);
  if (v === null) return {};
  if (!isObj(v)) throw new UserError(`${path.relative(roleDir, f)} of role ${path.basename(roleDir)} must be a mapping of variables`, locOf(v) ?? { file: f, line: 1, col: 1 });
  return v;
}

/** A role's identity in a play, as Ansible's role cache keys it: the role and its params. */
export function roleKey(ref: { readonly role: { readonly path: string }; readonly params: unknown }): string {
  return `${ref.role.path}\0${JSON.stringify(ref.params)}`;
}

export interface RoleSpec extends RoleUse {
  readonly name: string;
}

export interface RoleMeta {
  readonly dependencies: RoleSpec[];
  readonly allowDuplicates: boolean;
}

export function loadRoleMeta(roleDir: string): RoleMeta {
  const f = roleFile(roleDir, 'meta');
  if (!f) return { dependencies: [], allowDuplicates: false };
  const meta = loadYamlFile(f);
  if (meta === null) return { dependencies: [], allowDuplicates: false };
  if (!isObj(meta)) throw new UserError(`meta/main.yml must be a mapping`, { file: f, line: 1, col: 1 });
  const deps = meta.dependencies ?? [];
  if (!Array.isArray(deps)) throw errorAt(`'dependencies' must be a list of roles`, meta, 'dependencies');
  return { dependencies: deps.map((d, i) => parseRoleEntry(d, deps, i)), allowDuplicates: optBool(meta, 'allow_duplicates') ?? false };
}

/** A role entry in `roles:` or `dependencies:`: a name, or a mapping with role/name, keywords and params. */
export function parseRoleEntry(d: unknown, list: unknown[], i: number): RoleSpec {
  const loc = locOf(list, i)!;
  if (typeof d === 'string') return { name: d, params: {}, when: [], tags: [], loc };
  if (!isObj(d)) throw errorAt(`a role entry must be a name or a mapping with 'role'`, list, i);
  const name = d.role ?? d.name;
  if (typeof name !== 'string') throw errorAt(`role entry needs 'role: <name>'`, d);
  const keywords = new Set<string>(['role', 'name', ...keywordsOf('role')]);
  // like Ansible: what is not a keyword of a role entry is a role parameter
  const params = Object.fromEntries(Object.entries(d).filter(([k]) => !keywords.has(k)));
  const kw = readKeywords(d, 'role');
  return { ...kw, name, params, when: (kw.when as unknown[] | undefined) ?? [], tags: (kw.tags as string[] | undefined) ?? [], loc: locOf(d)! };
}
