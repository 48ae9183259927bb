// Turns an expression's value into template text: strings as-is, true/false lowercase, none as '', lists and mappings as JSON.

import { isSecret } from '../secret.js';
import { Missing } from './values.js';

/**
 * The text `{{ expr }}` puts into a file. Choices (documented in docs/expressions.md):
 * booleans print `true`/`false` (what WSO2 config files expect; Jinja would print True/False),
 * none and undefined print '' , numbers print as JavaScript does (2.0 prints 2),
 * lists and mappings print as compact JSON.
 * Secrets are REVEALED: this is file content; output masking is the Masker's job.
 */
export function renderExpressionValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isSecret(value)) return value.reveal();
  if (value === null || value === undefined || value instanceof Missing) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return toJsonText(value);
}

/** JSON with Secrets revealed (callers wrap the result back into a Secret when needed). */
export function toJsonText(value: unknown, indent?: number): string {
  return JSON.stringify(revealDeep(value), null, indent) ?? 'null';
}

/** A deep copy of a JSON-like value with every Secret replaced by its text. */
export function revealDeep(value: unknown): unknown {
  if (isSecret(value)) return value.reveal();
  if (value instanceof Missing) return null;
  if (Array.isArray(value)) return value.map(revealDeep);
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = revealDeep(v);
    return out;
  }
  return value;
}
