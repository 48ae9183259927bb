// An interrupt request for a run (SIGINT/SIGTERM from the CLI, or a library caller): no new task starts, running work ends, the recap still comes.

/** Thrown at the next task boundary once the run was interrupted; runPlaybook turns it into the recap and exit 130/143. */
export class Interrupted extends Error {
  constructor(readonly signal: string) {
    super(`interrupted by ${signal}`);
    this.name = 'Interrupted';
  }
}

export class RunInterrupt {
  #signal: string | undefined;
  readonly #listeners: Array<(signal: string) => void> = [];
  readonly #forceListeners: Array<() => void> = [];

  /** the signal that interrupted the run, once one did */
  get signal(): string | undefined {
    return this.#signal;
  }

  get requested(): boolean {
    return this.#signal !== undefined;
  }

  /** The first request wins; listeners (ending commands, abandoning writes) run once. */
  request(signal = 'SIGINT'): void {
    if (this.#signal !== undefined) return;
    this.#signal = signal;
    for (const l of this.#listeners.splice(0)) l(signal);
  }

  /** Calls fn on the request (at once when it already happened). */
  onRequest(fn: (signal: string) => void): void {
    if (this.#signal !== undefined) fn(this.#signal);
    else this.#listeners.push(fn);
  }

  /** A second signal: stop at once (listeners must be synchronous: the process exits right after). */
  force(): void {
    for (const l of this.#forceListeners.splice(0)) l();
  }

  onForce(fn: () => void): void {
    this.#forceListeners.push(fn);
  }

  throwIfRequested(): void {
    if (this.#signal !== undefined) throw new Interrupted(this.#signal);
  }
}

/** The documented exit code of a run interrupted by this signal (128 + signal number, as shells report). */
export function interruptExitCode(signal: string): number {
  return signal === 'SIGTERM' ? 143 : signal === 'SIGHUP' ? 129 : 130;
}
