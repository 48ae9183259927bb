// Where templates and lookup files are found, in Ansible's order: the role's subdirectory, the role, then the playbook's.

import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Vars = Readonly<Record<string, unknown>>;

function read(vars: Vars, name: string): unknown {
  return Object.hasOwn(vars, name) ? vars[name] : undefined;
}

/** The task's search roots: `ansible_search_path` when set, else the role's path and the playbook's directory. */
export function searchRoots(vars: Vars): string[] {
  const explicit = read(vars, 'ansible_search_path');
  const roots = Array.isArray(explicit) ? explicit : [read(vars, 'role_path'), read(vars, 'playbook_dir')];
  return [...new Set(roots.filter((r): r is string => typeof r === 'string' && r !== ''))];
}

/** `<root>/<subdir>` then `<root>` for each root (the template module adds the template's own directory). */
export function searchDirs(vars: Vars, subdir: 'files' | 'templates', extraRoots: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const root of [...searchRoots(vars), ...extraRoots]) out.push(path.join(root, subdir), root);
  return [...new Set(out)];
}

/** The first existing file named `name` in the directories (absolute and `~/` names are taken as they are). */
export function findInDirs(name: string, dirs: readonly string[]): string | undefined {
  if (name.startsWith('~/')) name = path.join(os.homedir(), name.slice(2));
  if (path.isAbsolute(name)) return existsSync(name) ? name : undefined;
  for (const dir of dirs) {
    const p = path.join(dir, name);
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return undefined;
}
