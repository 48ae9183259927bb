// Marks every string of a decrypted vault file as a Secret (templated strings stay plain so they still render).

import { Secret } from '../vars/secret.js';

/** Replaces, in place, every string leaf of a mapping/list with a Secret; returns the value. */
export function markSecretLeaves(value: unknown): unknown {
  if (typeof value === 'string') return toSecret(value);
  if (Array.isArray(value)) {
    value.forEach((v, i) => (value[i] = markSecretLeaves(v)));
  } else if (value && typeof value === 'object' && !(value instanceof Secret)) {
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj)) obj[k] = markSecretLeaves(obj[k]);
  }
  return value;
}

function toSecret(s: string): string | Secret {
  return s.includes('{{') || s.includes('{%') ? s : new Secret(s);
}
