// Reads group_vars/ and host_vars/ beside an inventory: `<name>`, `<name>.yml|.yaml|.json`, or `<name>/` (all files, sorted).

import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { errorAtLoc, loadYamlFile } from '../loader/yaml.js';
import { didYouMean } from '../util/closest.js';
import type { VarsFile } from './types.js';

const EXTENSIONS = ['', '.yml', '.yaml', '.json'];

/**
 * Vars files of each named entity found in `dir` (e.g. `<inventory>/group_vars`), in the order
 * Ansible reads them. Entries that match no name become warnings (`kind` is 'group' or 'host').
 */
export function readVarsDir(dir: string, names: Iterable<string>, kind: string, warnings: string[], optional: Iterable<string> = []): Map<string, VarsFile[]> {
  const out = new Map<string, VarsFile[]>();
  const entries = listEntries(dir);
  if (entries.length === 0) return out;
  const used = new Set<string>();
  const known = [...names];
  for (const name of [...known, ...optional]) {
    const files: string[] = [];
    for (const ext of EXTENSIONS) {
      const entry = name + ext;
      if (!entries.includes(entry)) continue;
      used.add(entry);
      const full = join(dir, entry);
      if (isDirectory(full)) files.push(...listVarsFiles(full));
      else files.push(full);
    }
    if (files.length > 0) out.set(name, files.map(readVarsFile));
  }
  for (const entry of entries) {
    if (used.has(entry)) continue;
    const name = EXTENSIONS.includes(extname(entry)) ? entry.slice(0, entry.length - extname(entry).length) : entry;
    warnings.push(`${join(dir, entry)}:1:1: ${kind}_vars entry '${entry}' matches no ${kind} in the inventory, so it is ignored${didYouMean(name, known)}`);
  }
  return out;
}

/** Loads one vars file (YAML or JSON) that must hold a mapping. */
export function readVarsFile(file: string): VarsFile {
  const data = loadYamlFile(file);
  if (data === null || data === undefined) return { file, vars: {} };
  if (typeof data !== 'object' || Array.isArray(data)) {
    const what = Array.isArray(data) ? 'a list' : `${typeof data} '${String(data)}'`;
    throw errorAtLoc(`a vars file must hold a mapping of variable names to values, got ${what}`, { file, line: 1, col: 1 });
  }
  return { file, vars: data as Record<string, unknown> };
}

function listEntries(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((e) => !e.startsWith('.') && !e.endsWith('~'))
      .sort();
  } catch {
    return [];
  }
}

/** All files below a vars directory with a vars extension (or none), sorted, recursively. */
function listVarsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of listEntries(dir)) {
    const full = join(dir, entry);
    if (isDirectory(full)) out.push(...listVarsFiles(full));
    else if (EXTENSIONS.includes(extname(entry))) out.push(full);
  }
  return out;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
