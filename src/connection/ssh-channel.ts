// Runs one command line on an exec channel of a live ssh2 Client and collects the result.

import type { Client, ClientChannel } from 'ssh2';
import { BoundedOutput } from './output-buffer.js';
import { PID_MARKER } from './quote.js';

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
  /** the line starts with withPidReport(): the pid line is taken off stderr and given here */
  readonly onPid?: (pid: number) => void;
}

/** The channel's exit status, recorded from the moment the channel opens. */
interface ExitStatus {
  exited: boolean;
  code: number | null;
  signal: string | null;
}

function openExec(client: Client, line: string, isAlive: () => boolean): Promise<{ stream: ClientChannel; status: ExitStatus }> {
  return new Promise((resolve, reject) => {
    const failed = (e: Error) => reject(isAlive() ? e : new ChannelOpenLost(e.message));
    try {
      client.exec(line, (e, stream) => {
        if (e) return failed(e);
        // listen now: ssh2 emits 'exit' while parsing the read that confirmed the channel when the
        // whole answer came in one chunk, before an `await` on this promise would resume
        const status: ExitStatus = { exited: false, code: null, signal: null };
        stream.on('exit', (code: number | null, sig?: string) => {
          status.exited = true;
          status.code = typeof code === 'number' ? code : null;
          status.signal = sig ? (sig.startsWith('SIG') ? sig : `SIG${sig}`) : null;
        });
        resolve({ stream, status });
      });
    } catch (e) {
      failed(e as Error);
    }
  });
}

export async function runOnChannel(client: Client, line: string, opts: ChannelRunOptions): Promise<ChannelResult> {
  const { stream, status } = await openExec(client, line, opts.isAlive);
  return new Promise((resolve) => {
    const out = new BoundedOutput(opts.label ?? 'ssh', 'stdout', opts.unboundedOutput);
    const err = new BoundedOutput(opts.label ?? 'ssh', 'stderr');
    let timedOut = false;
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          stream.close();
        }, opts.timeoutMs)
      : undefined;
    stream.on('data', (d: Buffer) => out.push(d));
    let pending: Buffer | undefined = opts.onPid ? Buffer.alloc(0) : undefined;
    stream.stderr.on('data', (d: Buffer) => {
      if (pending === undefined) return err.push(d);
      pending = Buffer.concat([pending, d]);
      const nl = pending.indexOf(10);
      if (nl < 0 && pending.length < 64) return;
      const first = pending.subarray(0, nl < 0 ? 0 : nl).toString('latin1');
      const rest = pending;
      pending = undefined;
      if (first.startsWith(PID_MARKER)) {
        opts.onPid!(Number(first.slice(PID_MARKER.length)));
        err.push(rest.subarray(nl + 1));
      } else err.push(rest);
    });
    stream.on('error', () => undefined);
    stream.once('close', () => {
      if (timer) clearTimeout(timer);
      if (pending !== undefined && pending.length > 0) err.push(pending);
      const exitCode = status.code;
      const signal = timedOut && status.signal === null ? 'SIGKILL' : status.signal;
      const o = out.finish();
      const e = err.finish();
      resolve({
        exitCode,
        signal,
        stdout: o.text,
        stderr: e.text,
        timedOut,
        lost: !status.exited && !timedOut && !opts.isAlive(),
        ...(o.file ? { stdoutFile: o.file } : {}),
        ...(e.file ? { stderrFile: e.file } : {}),
      });
    });
    stream.end(opts.stdin && opts.stdin.length > 0 ? opts.stdin : undefined);
  });
}
