// SIGINT/SIGTERM during `esbplay run`: the first interrupts the run (recap, exit 130/143), a second stops at once.

import { interruptExitCode, RunInterrupt } from '../executor/interrupt.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Watches the process's signals for one run and returns the interrupt to pass to runPlaybook,
 * and a function that stops watching. `exit` is how a second signal ends the process (the only
 * place besides bin/ that ends it: "at once" cannot wait for the run to unwind).
 */
export function watchSignals(err: NodeJS.WritableStream, exit: (code: number) => never = (c) => process.exit(c)): { interrupt: RunInterrupt; stop(): void } {
  const interrupt = new RunInterrupt();
  const on = (sig: NodeJS.Signals) => {
    if (!interrupt.requested) {
      err.write(`\nesbplay: ${sig} received: no new task starts, running commands are being ended, the recap follows (${sig} again stops at once)\n`);
      interrupt.request(sig);
      return;
    }
    err.write(`\nesbplay: ${sig} again: stopping at once\n`);
    interrupt.force();
    exit(interruptExitCode(interrupt.signal ?? sig));
  };
  for (const s of SIGNALS) process.on(s, on);
  return { interrupt, stop: () => SIGNALS.forEach((s) => process.off(s, on)) };
}
