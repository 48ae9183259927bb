// The commands running on one ssh host, by the pid their shell reported, so an interrupted run can end them (TERM, then KILL).

import type { Become } from './types.js';

export interface RunningCommand {
  /** the remote shell's pid (its process group): known once the command reported it */
  pid?: number;
  readonly become?: Become;
}

/** Sends a signal to a remote process group; failures are ignored (the command may have ended). */
export type RemoteKill = (cmd: RunningCommand, signal: 'TERM' | 'KILL') => Promise<void>;

export class RemoteCommands {
  readonly #running = new Set<RunningCommand>();
  #interrupted = false;

  constructor(private readonly kill: RemoteKill) {}

  get interrupted(): boolean {
    return this.#interrupted;
  }

  start(become: Become | undefined): RunningCommand {
    const cmd: RunningCommand = { become };
    this.#running.add(cmd);
    return cmd;
  }

  /** The pid arrived; a command that reports it after the interrupt is ended at once. */
  reported(cmd: RunningCommand, pid: number): void {
    if (!Number.isInteger(pid) || pid <= 1) return;
    cmd.pid = pid;
    if (this.#interrupted) void this.kill(cmd, 'TERM').catch(() => undefined);
  }

  finish(cmd: RunningCommand): void {
    this.#running.delete(cmd);
  }

  /** Ends every running command: TERM to its process group, KILL to what still runs after graceMs. */
  async interrupt(graceMs = 3000): Promise<void> {
    this.#interrupted = true;
    const term = [...this.#running].filter((c) => c.pid !== undefined);
    await Promise.all(term.map((c) => this.kill(c, 'TERM').catch(() => undefined)));
    const deadline = Date.now() + graceMs;
    while (this.#running.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const left = [...this.#running].filter((c) => c.pid !== undefined);
    await Promise.all(left.map((c) => this.kill(c, 'KILL').catch(() => undefined)));
  }
}
