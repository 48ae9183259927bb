// Finds the inventory file for `-i <source>`: a name under inventories/, a directory, or a file.

import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { UserError } from '../errors.js';

/** File names searched, in this order, when the source is a directory. */
export const INVENTORY_FILE_NAMES: readonly string[] = ['hosts.yml', 'hosts.yaml', 'hosts.ini', 'hosts'];

/** Files in an inventory directory that are never inventories. */
const NOT_INVENTORY = /^\.|~$|\.(md|txt|retry|orig|bak|swp|pyc|cfg)$/i;

export interface LocatedInventory {
  /** absolute path of the inventory file */
  readonly file: string;
  /** directory holding group_vars/ and host_vars/ */
  readonly dir: string;
}

/**
 * `prod` -> `<cwd>/inventories/prod/` when that exists, else the path `<cwd>/prod`.
 * A directory -> the first of INVENTORY_FILE_NAMES in it, else its only inventory-like file.
 */
export function locateInventory(source: string, cwd: string): LocatedInventory {
  const isName = !isAbsolute(source) && !/[\\/]/.test(source) && !source.startsWith('.');
  const candidates = isName ? [join(cwd, 'inventories', source), resolve(cwd, source)] : [resolve(cwd, source)];
  for (const path of candidates) {
    const kind = kindOf(path);
    if (kind === 'file') return { file: path, dir: dirname(path) };
    if (kind === 'dir') return { file: findInDirectory(path, source), dir: path };
  }
  const looked = candidates.map((c) => (isName && c === candidates[0] ? `${c}/` : c)).join(' or ');
  throw new UserError(`inventory '${source}' not found: looked for ${looked}`);
}

function findInDirectory(dir: string, source: string): string {
  const present = INVENTORY_FILE_NAMES.filter((n) => kindOf(join(dir, n)) === 'file');
  if (present.length === 1) return join(dir, present[0]!);
  if (present.length > 1) {
    throw new UserError(`inventory directory ${dir} holds both ${present.join(' and ')}: keep one, or pass the file with -i`);
  }
  const others = readdirSync(dir)
    .filter((e) => !NOT_INVENTORY.test(e) && kindOf(join(dir, e)) === 'file')
    .sort();
  if (others.length === 1) return join(dir, others[0]!);
  const searched = INVENTORY_FILE_NAMES.join(', ');
  if (others.length === 0) {
    throw new UserError(`inventory '${source}': directory ${dir} has no inventory file (looked for ${searched}, or a single other file)`);
  }
  throw new UserError(`inventory '${source}': directory ${dir} has several candidate files (${others.map((o) => basename(o)).join(', ')}) and none of ${searched}: pass the file with -i`);
}

function kindOf(path: string): 'file' | 'dir' | undefined {
  try {
    const s = statSync(path);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}
