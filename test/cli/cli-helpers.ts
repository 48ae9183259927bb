// CLI test helpers: the real CLI in-process (chosen cwd, env, terminal or not) or as a child process (stdin, no terminal), temp projects.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { main } from '../../src/cli/main.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export interface CliOpts {
  readonly cwd: string;
  /** replaces process.env (HOME defaults to the cwd, so no ~/.esbplay.cfg of the machine is read) */
  readonly env?: NodeJS.ProcessEnv;
  /** pretend stdout is a terminal */
  readonly tty?: boolean;
}

/** The CLI in this process with captured streams. */
export async function cli(argv: readonly string[], o: CliOpts): Promise<CliRun> {
  const out = Object.assign(new PassThrough(), o.tty ? { isTTY: true, columns: 100 } : {});
  const err = new PassThrough();
  let so = '';
  let se = '';
  out.on('data', (d: Buffer) => (so += d.toString()));
  err.on('data', (d: Buffer) => (se += d.toString()));
  const env = { PATH: process.env.PATH, HOME: o.cwd, ...o.env };
  const code = await main(
    argv,
    { out: out as unknown as typeof process.stdout, err: err as unknown as typeof process.stderr },
    { cwd: o.cwd, env },
  );
  await new Promise((r) => setImmediate(r));
  return { code, out: so, err: se };
}

/** The CLI as a child process in its own session (no controlling terminal): questions are answered from `input`. */
export function cliChild(argv: readonly string[], o: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): Promise<CliRun> {
  const entry = path.join(ROOT, 'test/connection/cli-entry.ts');
  // tsx by path: the child runs in the temp project, where `--import tsx` would not resolve
  const tsx = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/esm/index.mjs')).href;
  const child = spawn(process.execPath, ['--import', tsx, entry, ...argv], {
    cwd: o.cwd,
    env: { PATH: process.env.PATH, HOME: o.cwd, ...o.env },
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let so = '';
  let se = '';
  child.stdout.on('data', (d: Buffer) => (so += d.toString()));
  child.stderr.on('data', (d: Buffer) => (se += d.toString()));
  child.stdin.end(o.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out: so, err: se }));
  });
}

/**
 * Stands for the project directory in the files of tempProject (replaced when they are written).
 * Where it is not replaced, nothing can be created below it: a run fails loudly instead of
 * leaving files elsewhere.
 */
export const PROJECT_DIR = '/dev/null/esbplay-test-project';

/** A temp directory with files (PROJECT_DIR in them replaced by its path); `cleanup` removes it. */
export function tempProject(files: Readonly<Record<string, string>> = {}): {
  dir: string;
  write(rel: string, text: string): string;
  cleanup(): void;
} {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'esbplay-cli-'));
  const write = (rel: string, text: string) => {
    const f = path.join(dir, rel);
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, text.replaceAll(PROJECT_DIR, dir));
    return f;
  };
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  return { dir, write, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An inventory of local hosts (no connection needed for controller-only modules); their pending-handler records in the project's state/ (tempProject). */
export function localInventory(hosts: readonly string[], vars: Readonly<Record<string, Record<string, unknown>>> = {}): string {
  const entries = Object.fromEntries(hosts.map((h) => [h, { ansible_connection: 'local', esbplay_state_dir: `${PROJECT_DIR}/state`, ...(vars[h] ?? {}) }]));
  return JSON.stringify({ all: { hosts: entries } }, null, 2);
}

/** `msg` of every debug result in an --output json document, as "host: msg". */
export function debugMessages(jsonText: string): string[] {
  const doc = JSON.parse(jsonText) as {
    plays: { tasks: { task: { module: string }; hosts: Record<string, { result: { msg?: unknown } }> }[] }[];
  };
  return doc.plays.flatMap((p) =>
    p.tasks
      .filter((t) => t.task.module === 'debug')
      .flatMap((t) => Object.entries(t.hosts).map(([h, r]) => `${h}: ${String(r.result.msg)}`)),
  );
}
