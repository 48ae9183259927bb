// Runs one command line on an exec channel of a live ssh2 Client and collects the result.

import type { Client, ClientChannel } from 'ssh2';
import { BoundedOutput } from './output-buffer.js';

export interface ChannelResult {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** the connection went away before the command reported its exit status */
  readonly lost: boolean;
  readonly stdoutFile?: string;
  readonly stderrFile?: string;
}

/** Thrown when no channel could be opened because the connection is gone (the command never started). */
export class ChannelOpenLost extends Error {}

export interface ChannelRunOptions {
  readonly stdin?: Buffer;
  /** close the channel after this many ms (the result then has timedOut: true) */
  readonly timeoutMs?: number;
  /** is the client still connected? checked when a channel closes without an exit status */
  readonly isAlive: () => boolean;
  /** names a spill file of too big an output (the host) */
  readonly label?: string;
  /** keep all of stdout in memory (file reads) */
  readonly unboundedOutput?: boolean;
}

function openExec(client: Client, line: string, isAlive: () => boolean): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    const failed = (e: Error) => reject(isAlive() ? e : new ChannelOpenLost(e.message));
    try {
      client.exec(line, (e, stream) => (e ? failed(e) : resolve(stream)));
    } catch (e) {
      failed(e as Error);
    }
  });
}

export async function runOnChannel(client: Client, line: string, opts: ChannelRunOptions): Promise<ChannelResult> {
  const stream = await openExec(client, line, opts.isAlive);
  return new Promise((resolve) => {
    const out = new BoundedOutput(opts.label ?? 'ssh', 'stdout', opts.unboundedOutput);
    const err = new BoundedOutput(opts.label ?? 'ssh', 'stderr');
    let exitCode: number | null = null;
    let signal: string | null = null;
    let exited = false;
    let timedOut = false;
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          stream.close();
        }, opts.timeoutMs)
      : undefined;
    stream.on('data', (d: Buffer) => out.push(d));
    stream.stderr.on('data', (d: Buffer) => err.push(d));
    stream.on('exit', (code: number | null, sig?: string) => {
      exited = true;
      exitCode = typeof code === 'number' ? code : null;
      signal = sig ? (sig.startsWith('SIG') ? sig : `SIG${sig}`) : null;
    });
    stream.on('error', () => undefined);
    stream.once('close', () => {
      if (timer) clearTimeout(timer);
      if (timedOut && signal === null) signal = 'SIGKILL';
      const o = out.finish();
      const e = err.finish();
      resolve({
        exitCode,
        signal,
        stdout: o.text,
        stderr: e.text,
        timedOut,
        lost: !exited && !timedOut && !opts.isAlive(),
        ...(o.file ? { stdoutFile: o.file } : {}),
        ...(e.file ? { stderrFile: e.file } : {}),
      });
    });
    stream.end(opts.stdin && opts.stdin.length > 0 ? opts.stdin : undefined);
  });
}
