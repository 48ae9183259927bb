// loadInventory: locate the file, parse it (YAML or INI), finish the group tree, read group_vars/ and host_vars/.

import { extname, join, resolve } from 'node:path';
import { parseYaml } from '../loader/yaml.js';
import { readInputFile } from '../loader/text-input.js';
import { buildInventory } from './build.js';
import type { InventoryDraft } from './draft.js';
import { reconcileGroups } from './graph.js';
import { parseIniInventory } from './ini-format.js';
import { isHostList, parseHostList } from './host-list.js';
import { locateInventory } from './locate.js';
import { LOCALHOST_NAMES, type Inventory } from './types.js';
import { readVarsDir } from './vars-dirs.js';
import { readYamlInventory } from './yaml-format.js';

export interface LoadInventoryOptions {
  /** base for relative sources and for `inventories/<name>/` (default: process.cwd()) */
  readonly cwd?: string;
  /** the playbook's directory: its group_vars/ and host_vars/ apply too, above the inventory's */
  readonly playbookDir?: string;
}

/** Loads an inventory from a name (`prod` -> inventories/prod/), a directory, or a file. */
export function loadInventory(source: string, opts: LoadInventoryOptions = {}): Inventory {
  const cwd = opts.cwd ?? process.cwd();
  const list = isHostList(source, cwd);
  // a host list has no directory of its own: only the playbook's group_vars/ and host_vars/ apply (as in Ansible)
  const { file, dir } = list ? { file: '', dir: opts.playbookDir ?? cwd } : locateInventory(source, cwd);
  // size-limited and strictly decoded (UTF-8, or UTF-16 with a BOM): bad bytes are refused with file:line:col
  const draft = list ? parseHostList(source) : parseInventoryText(readInputFile(file).text, file);
  const graph = reconcileGroups(draft);
  const warnings: string[] = [];
  const implicit = LOCALHOST_NAMES.filter((h) => !draft.hosts.has(h));
  const readDirs = (base: string) => ({
    groupFiles: readVarsDir(join(base, 'group_vars'), draft.groups.keys(), 'group', warnings),
    hostFiles: readVarsDir(join(base, 'host_vars'), draft.hosts.keys(), 'host', warnings, implicit),
  });
  const pb = opts.playbookDir !== undefined && resolve(opts.playbookDir) !== resolve(dir) ? readDirs(opts.playbookDir) : undefined;
  return buildInventory({ draft, graph, dir, ...readDirs(dir), playbookFiles: pb, warnings });
}

/** YAML for .yml/.yaml/.json; INI for .ini; otherwise decided by the first meaningful line. */
export function parseInventoryText(text: string, file: string): InventoryDraft {
  const ext = extname(file).toLowerCase();
  const yaml = ['.yml', '.yaml', '.json'].includes(ext) || (ext !== '.ini' && looksLikeYaml(text));
  return yaml ? readYamlInventory(parseYaml(text, file), file, text) : parseIniInventory(text, file);
}

function looksLikeYaml(text: string): boolean {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line === '---' || line.startsWith('{')) return true;
    return /^[^\s=[]+:(\s|$)/.test(line);
  }
  return false;
}
