// Turns an expression's value into template text as Ansible prints it: Python's str(), with none printed as ''.

import { pyStr } from './py-string.js';
import { Missing } from './values.js';

/**
 * The text `{{ expr }}` puts into a file, as Ansible's templar prints it: strings as they are,
 * `True`/`False`, none (and undefined) as '' (Ansible's finalize), numbers as Python prints them,
 * lists and mappings as their Python repr (`['a', 1]`, `{'k': 'v'}`).
 * Secrets are REVEALED: this is file content; output masking is the Masker's job.
 */
export function renderExpressionValue(value: unknown): string {
  if (value === null || value === undefined || value instanceof Missing) return '';
  return pyStr(value);
}
