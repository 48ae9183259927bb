// Text of a value for a user-facing message (assert, fail, debug): Secrets stay masked, structures print as JSON.

import { isSecret, MASK } from '../vars/secret.js';

/** A message's text; unlike template rendering this never reveals a Secret (JSON.stringify masks nested ones). */
export function formatMessage(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isSecret(value)) return MASK;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
