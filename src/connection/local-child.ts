// A child process for the local transport (no shell): bounded output, timeout, and a process group the run can end on interrupt.

import { spawn, type ChildProcess } from 'node:child_process';
import type { CommandResult, ExecOptions } from './types.js';
import { quoteArgv } from './quote.js';
import { BoundedOutput } from './output-buffer.js';

/** Live children of one connection, so an interrupt can end them (their whole process group). */
export class ChildGroups {
  readonly #live = new Set<ChildProcess>();

  track(child: ChildProcess): void {
    this.#live.add(child);
    child.once('close', () => this.#live.delete(child));
  }

  get size(): number {
    return this.#live.size;
  }

  /** Signals every live child's process group (each child leads its own group). */
  signal(sig: NodeJS.Signals): void {
    for (const c of this.#live) {
      if (c.pid === undefined || c.exitCode !== null || c.signalCode !== null) continue;
      try {
        process.kill(-c.pid, sig);
      } catch {
        /* already gone */
      }
    }
  }

  /** TERM now, KILL after graceMs for what is still running; resolves when every child has exited. */
  async end(graceMs = 3000): Promise<void> {
    if (this.#live.size === 0) return;
    const exited = Promise.all([...this.#live].map((c) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('close', () => r())))));
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/** Runs argv as a child process (no shell), collecting the execa-style result. */
export function runChild(argv: readonly string[], opts: ExecOptions = {}, label = 'local', groups?: ChildGroups): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: opts.cwd,
      env: opts.env ? { ...process.env, ...opts.env } : process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      // its own process group: an interrupt ends the command and everything it started
      detached: groups !== undefined,
    });
    groups?.track(child);
    // bounded: a command printing hundreds of MiB keeps head and tail in memory, the rest goes to a file
    const out = new BoundedOutput(label, 'stdout', opts.unboundedOutput);
    const err = new BoundedOutput(label, 'stderr');
    let timedOut = false;
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, opts.timeoutMs)
      : undefined;
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin ?? undefined);
    const finish = (exitCode: number | null, signal: string | null, extraErr = '') => {
      if (timer) clearTimeout(timer);
      const o = out.finish();
      const e = err.finish();
      resolve({
        command: quoteArgv(argv),
        argv: [...argv],
        exitCode,
        signal,
        stdout: o.text,
        stderr: e.text + extraErr,
        timedOut,
        durationMs: Date.now() - started,
        ...(o.file ? { stdoutFile: o.file } : {}),
        ...(e.file ? { stderrFile: e.file } : {}),
      });
    };
    child.on('error', (e) => finish(127, null, `${(e as Error).message}\n`));
    child.on('close', (code, signal) => finish(code, signal));
  });
}
