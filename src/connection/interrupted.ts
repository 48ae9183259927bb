// What an interrupted run gives an operation: a command that never started, a write abandoned before its rename.

import type { CommandResult } from './types.js';
import { quoteArgv } from './quote.js';

/** What a command asked for after the interrupt gets: it never started. */
export function interruptedResult(argv: readonly string[]): CommandResult {
  return { command: quoteArgv(argv), argv: [...argv], exitCode: null, signal: 'SIGINT', stdout: '', stderr: 'esbplay: not started: the run was interrupted\n', timedOut: false, durationMs: 0 };
}

/** A write abandoned because the run was interrupted before its rename. */
export function interruptedWrite(file: string): Error {
  return new Error(`interrupted before ${file} was replaced: it keeps its old content`);
}
