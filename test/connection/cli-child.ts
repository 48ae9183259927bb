// Runs the esbplay CLI as a child process (from source, through tsx): exit code, signal, stdout and stderr.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

export interface ChildRun {
  readonly child: ChildProcess;
  /** resolves when the process has exited and its output streams closed */
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>;
  /** everything written to stdout so far */
  out(): string;
}

/**
 * Starts `esbplay ARGS...`; `wrap` is an argv put in front of node (e.g. unshare), `env` adds variables.
 * The child runs in its own process group, so a test can signal it like a terminal would.
 */
export function spawnCli(args: readonly string[], opts: { cwd?: string; wrap?: readonly string[]; env?: NodeJS.ProcessEnv } = {}): ChildRun {
  const argv = [...(opts.wrap ?? []), process.execPath, '--import', TSX, ENTRY, ...args];
  const child = spawn(argv[0]!, argv.slice(1), { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
  return { child, done, out: () => out };
}

export async function runCliChild(args: readonly string[], opts: { cwd?: string; wrap?: readonly string[]; env?: NodeJS.ProcessEnv } = {}) {
  return spawnCli(args, opts).done;
}
