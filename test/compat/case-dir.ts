// Lays a case out on disk (project files, inventory, host roots) and snapshots the host roots after a phase.

import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CompatCase, Entry } from './case-types.js';

export const DEFAULT_HOSTS = ['h1'];

/** Where a case lives: its project dir (playbook, inventory/) and its hosts' roots (hosts/<h>). */
export interface CaseDir {
  readonly dir: string;
  readonly playbook: string;
  readonly inventory: string;
  readonly hosts: readonly string[];
  root(host: string): string;
}

/** Writes the case's files and inventory under `dir` (which must exist and be empty). */
export function layOut(c: CompatCase, dir: string): CaseDir {
  const hosts = c.hosts ?? DEFAULT_HOSTS;
  const root = (h: string) => path.join(dir, 'hosts', h);
  for (const [rel, text] of Object.entries(c.files)) writeAt(path.join(dir, rel), text);
  const inventory = c.iniInventory !== undefined ? writeIni(c, dir, hosts, root) : writeYaml(c, dir, hosts, root);
  const cd: CaseDir = { dir, playbook: path.join(dir, 'site.yml'), inventory, hosts, root };
  seedHosts(c, cd);
  return cd;
}

function writeYaml(c: CompatCase, dir: string, hosts: readonly string[], root: (h: string) => string): string {
  const entries = Object.fromEntries(hosts.map((h) => [h, { ...connection(c), root_dir: root(h), ...stateDir(dir), ...(c.hostVars?.[h] ?? {}) }]));
  const children = Object.fromEntries(Object.entries(c.groups ?? {}).map(([g, members]) => [g, { hosts: Object.fromEntries(members.map((m) => [m, null])) }]));
  const all = { hosts: entries, ...(c.allVars ? { vars: c.allVars } : {}), ...(Object.keys(children).length ? { children } : {}) };
  return writeAt(path.join(dir, 'inventory', 'hosts.yml'), `${JSON.stringify({ all }, null, 2)}\n`);
}

/** INI text as written, then each host's connection and root in a [all:vars]-free way: host_vars files. */
function writeIni(c: CompatCase, dir: string, hosts: readonly string[], root: (h: string) => string): string {
  for (const h of hosts) {
    const vars = { ...connection(c), root_dir: root(h), ...stateDir(dir), ...(c.hostVars?.[h] ?? {}) };
    writeAt(path.join(dir, 'inventory', 'host_vars', `${h}.yml`), `${JSON.stringify(vars, null, 2)}\n`);
  }
  return writeAt(path.join(dir, 'inventory', 'hosts.ini'), c.iniInventory!);
}

function connection(c: CompatCase): Record<string, string> {
  return c.connectionVar === false ? {} : { ansible_connection: 'local' };
}

/** esbplay's pending-handler records in the case dir, not in /var/lib/esbplay (Ansible ignores the variable). */
function stateDir(dir: string): Record<string, string> {
  return { esbplay_state_dir: path.join(dir, 'state') };
}

/** Empties every host root and writes the seed files again (before each phase). */
export function seedHosts(c: CompatCase, cd: CaseDir): void {
  for (const h of cd.hosts) {
    rmSync(cd.root(h), { recursive: true, force: true });
    mkdirSync(cd.root(h), { recursive: true });
    for (const [rel, text] of Object.entries(c.seed ?? {})) writeAt(path.join(cd.root(h), rel), text);
  }
}

/** Every entry below the host roots; file bytes as text with the case dir replaced by <CASE>. */
export function snapshotHosts(cd: CaseDir): Record<string, Entry> {
  const out: Record<string, Entry> = {};
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      const full = path.join(abs, name);
      const key = `${rel}/${name}`;
      const st = lstatSync(full);
      const mode = (st.mode & 0o7777).toString(8).padStart(4, '0');
      if (st.isSymbolicLink()) out[key] = { type: 'link', mode: '', content: normalize(readlinkSync(full), cd.dir) };
      else if (st.isDirectory()) {
        out[`${key}/`] = { type: 'dir', mode };
        walk(full, key);
      } else out[key] = { type: 'file', mode, content: normalize(readFileSync(full).toString('latin1'), cd.dir) };
    }
  };
  for (const h of cd.hosts) walk(cd.root(h), h);
  return out;
}

/** Replaces the case's temp dir (it differs between the two tools' copies) by <CASE>. */
export function normalize(text: string, dir: string): string {
  return text.split(dir).join('<CASE>');
}

function writeAt(file: string, text: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
