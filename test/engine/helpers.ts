// Engine test helpers: temp projects with local hosts, the real CLI in-process, tree hashes.

import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { runPlaybook, type RunResult } from '../../src/executor/run-playbook.js';
import type { RunOptions } from '../../src/executor/options.js';
import type { HostResultEvent, RunEvent } from '../../src/report/events.js';

/** A temp project: playbook dir, inventory with local hosts each owning a root_dir; their state (pending handlers) in its state/. */
export interface Project {
  readonly dir: string;
  readonly hosts: readonly string[];
  /** host -> its files' directory (the `root_dir` variable) */
  readonly roots: Readonly<Record<string, string>>;
  readonly inventory: string;
  /** writes a file under the project dir (dirs created) and returns its absolute path */
  write(rel: string, text: string): string;
  /** path of a file in a host's root */
  file(host: string, rel: string): string;
  read(host: string, rel: string): string;
  cleanup(): void;
}

export interface ProjectSpec {
  readonly hosts?: readonly string[];
  /** group name -> hosts */
  readonly groups?: Readonly<Record<string, readonly string[]>>;
  /** extra inventory vars per host */
  readonly hostVars?: Readonly<Record<string, Record<string, unknown>>>;
  readonly allVars?: Record<string, unknown>;
  /** files to create in each host's root: rel -> text */
  readonly seed?: Readonly<Record<string, string>>;
  readonly files?: Readonly<Record<string, string>>;
}

export function makeProject(spec: ProjectSpec = {}): Project {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'esbplay-engine-'));
  const hosts = spec.hosts ?? ['h1', 'h2', 'h3'];
  const roots: Record<string, string> = {};
  const hostEntries: Record<string, unknown> = {};
  for (const h of hosts) {
    roots[h] = path.join(dir, 'hosts', h);
    mkdirSync(roots[h]!, { recursive: true });
    for (const [rel, text] of Object.entries(spec.seed ?? {})) writeAt(path.join(roots[h]!, rel), text);
    // pending-handler records in the project, not in /var/lib/esbplay: a test leaves nothing behind
    hostEntries[h] = { ansible_connection: 'local', root_dir: roots[h], esbplay_state_dir: path.join(dir, 'state'), ...(spec.hostVars?.[h] ?? {}) };
  }
  const children: Record<string, unknown> = {};
  for (const [g, members] of Object.entries(spec.groups ?? {})) children[g] = { hosts: Object.fromEntries(members.map((m) => [m, null])) };
  const inv = { all: { hosts: hostEntries, ...(spec.allVars ? { vars: spec.allVars } : {}), ...(Object.keys(children).length ? { children } : {}) } };
  const inventory = path.join(dir, 'inventory', 'hosts.yml');
  writeAt(inventory, JSON.stringify(inv, null, 2));
  const p: Project = {
    dir, hosts, roots, inventory,
    write: (rel, text) => writeAt(path.join(dir, rel), text),
    file: (h, rel) => path.join(roots[h]!, rel),
    read: (h, rel) => readFileSync(path.join(roots[h]!, rel), 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [rel, text] of Object.entries(spec.files ?? {})) p.write(rel, text);
  return p;
}

/** A copied inventory (e.g. the shipped local one) keeps its hosts' pending-handler records in stateDir, not in /var/lib/esbplay. */
export function keepStateIn(inventoryDir: string, stateDir: string): void {
  appendFileSync(path.join(inventoryDir, 'group_vars', 'all.yml'), `\nesbplay_state_dir: ${JSON.stringify(stateDir)}\n`);
}

function writeAt(file: string, text: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the real CLI in-process: `esbplay run <argv...>` with captured, non-TTY streams. */
export async function cli(argv: readonly string[]): Promise<CliResult> {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (d: Buffer) => (o += d.toString()));
  err.on('data', (d: Buffer) => (e += d.toString()));
  const code = await main(argv, { out: out as unknown as typeof process.stdout, err: err as unknown as typeof process.stderr });
  await new Promise((r) => setImmediate(r));
  return { code, out: o, err: e };
}

/** `esbplay run PLAYBOOK -i INVENTORY ...rest` for a project. */
export function runCli(p: Project, playbook: string, ...rest: string[]): Promise<CliResult> {
  return cli(['run', path.join(p.dir, playbook), '-i', p.inventory, ...rest]);
}

/** The library API on a project. */
export function runLib(p: Project, playbook: string, opts: Partial<RunOptions> = {}): Promise<RunResult> {
  return runPlaybook({ playbook: path.join(p.dir, playbook), inventory: p.inventory, cwd: p.dir, ...opts });
}

/** sha256 of every file under dir (relative path -> hash), directories listed too. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      const rel = path.relative(dir, full);
      const st = statSync(full);
      if (st.isDirectory()) {
        out[`${rel}/`] = `dir ${(st.mode & 0o7777).toString(8)}`;
        walk(full);
      } else out[rel] = `${createHash('sha256').update(readFileSync(full)).digest('hex')} ${(st.mode & 0o7777).toString(8)}`;
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Hash of every host root of a project. */
export function hashHosts(p: Project): Record<string, string> {
  return hashTree(path.join(p.dir, 'hosts'));
}

export function hostResults(events: readonly RunEvent[]): HostResultEvent[] {
  return events.filter((e): e is HostResultEvent => e.type === 'host_result');
}

/** "host|task name" of every result with the given status. */
export function resultKeys(events: readonly RunEvent[], status: HostResultEvent['status']): string[] {
  return hostResults(events).filter((e) => e.status === status).map((e) => `${e.host}|${e.task.name}`).sort();
}

/** Lines that look like a JS stack trace. */
export function stackLines(text: string): string[] {
  return text.split('\n').filter((l) => /^\s+at /.test(l));
}

/** Playbook YAML for one play on `hosts` with the given tasks YAML (indented by the caller as a list). */
export function play(tasks: string, head = 'hosts: all'): string {
  return `- ${head}\n  tasks:\n${indent(tasks, 4)}`;
}

export function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text.replace(/^\n/, '').split('\n').map((l) => (l.trim() ? pad + l : l)).join('\n') + '\n';
}
