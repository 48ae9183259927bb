// Runs one bad-input case through the real CLI on a temp project with local hosts: exit code, message, file:line, no trace, host trees unchanged.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, makeProject, stackLines, type CliResult, type Project } from '../engine/helpers.js';

export interface BadInputCase {
  readonly name: string;
  /** project files (relative path -> text or bytes); the playbook is site.yml unless `playbook` says otherwise */
  readonly files: Readonly<Record<string, string | Buffer>>;
  readonly args?: readonly string[];
  /** replaces `-i <project inventory>` (a path relative to the project, or a name) */
  readonly inventory?: string;
  readonly playbook?: string;
  /** expected exit code */
  readonly exit: number;
  /** expected in stderr + stdout */
  readonly msg: RegExp;
  /** where the message points: file relative to the project, line, column (0: any column) */
  readonly at?: readonly [string, number, number];
  /** the whole output stays below this many characters (errors quote a window, never a huge line) */
  readonly maxOutput?: number;
  /** extra inventory variables of every host */
  readonly hostVars?: Readonly<Record<string, unknown>>;
  /** why the case cannot pass yet (reported as pending, not counted) */
  readonly pending?: string;
  /** prepares the project (symlinks, modes...) after the files are written */
  setup?(p: Project): void;
  /** extra assertions after the run */
  check?(p: Project, r: CliResult): void;
}

/** A first task that would change every host: a late error shows whether the preflight ran first. */
export const TOUCH = `    - name: would change
      lineinfile: { path: "{{ root_dir }}/app.conf", line: "touched=1", create: true }
`;

/** A playbook whose first task would change every host, followed by `body` (tasks, indented 4). */
export const tasks = (body: string): string => `- hosts: all\n  tasks:\n${TOUCH}${body}`;

export async function runCase(c: BadInputCase): Promise<void> {
  const hostVars = c.hostVars ? { h1: c.hostVars, h2: c.hostVars } : undefined;
  const p = makeProject({ hosts: ['h1', 'h2'], seed: { 'keep.conf': 'k=1\n' }, hostVars });
  try {
    for (const [rel, data] of Object.entries(c.files)) {
      const file = path.join(p.dir, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, data);
    }
    c.setup?.(p);
    const before = hashHosts(p);
    const inventory = c.inventory === undefined ? p.inventory : path.isAbsolute(c.inventory) ? c.inventory : path.join(p.dir, c.inventory);
    const argv = ['run', path.join(p.dir, c.playbook ?? 'site.yml'), '-i', inventory, ...(c.args ?? [])];
    const prev = process.cwd();
    process.chdir(p.dir);
    let r: CliResult;
    try {
      r = await cli(argv);
    } finally {
      process.chdir(prev);
    }
    const all = `${r.err}${r.out}`;
    const shown = all.length > 4000 ? `${all.slice(0, 2000)}\n...\n${all.slice(-2000)}` : all;
    if (process.env.SHOW) console.log(shown);
    assert.equal(r.code, c.exit, `exit ${r.code}, expected ${c.exit}\n${shown}`);
    assert.match(all, c.msg, shown);
    if (c.at) {
      const [file, line, col] = c.at;
      const where = `${path.join(p.dir, file)}:${line}:${col === 0 ? '\\d+' : col}`;
      assert.match(all, new RegExp(where.replace(/[.[\]()]/g, '\\$&')), `expected ${file}:${line}:${col} in:\n${shown}`);
    }
    assert.deepEqual(stackLines(all), [], `stack trace printed:\n${shown}`);
    assert.doesNotMatch(all, /this is a bug/, shown);
    if (c.maxOutput !== undefined) assert.ok(all.length <= c.maxOutput, `output of ${all.length} characters (limit ${c.maxOutput})`);
    assert.deepEqual(hashHosts(p), before, 'a host file was created or changed');
    c.check?.(p, r);
  } finally {
    p.cleanup();
  }
}

/** sha256 + mode of every file, link target of every symlink, mode of every directory under the hosts' roots (symlinks not followed). */
export function hashHosts(p: Project): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      const rel = path.relative(p.dir, full);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) out[rel] = `link ${readlinkSync(full)}`;
      else if (st.isDirectory()) {
        out[`${rel}/`] = `dir ${(st.mode & 0o7777).toString(8)}`;
        walk(full);
      } else out[rel] = `${createHash('sha256').update(readFileSync(full)).digest('hex')} ${(st.mode & 0o7777).toString(8)}`;
    }
  };
  walk(path.join(p.dir, 'hosts'));
  return out;
}
