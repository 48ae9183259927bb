// Masks an error leaving a run (message, offending source line, stack) so no secret reaches the terminal through it.

import { UserError } from '../errors.js';
import { sourceLine } from '../loader/yaml.js';
import type { Masker } from '../vars/secret.js';

/** The same error object (class and exit code kept) with every secret form masked. */
export function maskError(e: unknown, masker: Masker): unknown {
  if (!(e instanceof Error) || masker.size === 0) return e;
  const err = e as Error & { sourceLine?: string };
  err.message = masker.mask(err.message);
  if (err.stack) err.stack = masker.mask(err.stack);
  if (e instanceof UserError && e.loc) {
    const line = e.sourceLine ?? sourceLine(e.loc);
    if (line !== undefined && masker.mask(line) !== line) Object.defineProperty(e, 'sourceLine', { value: masker.mask(line) });
  }
  return e;
}
