// Version comparison for the `version` test (loose: numeric parts compare as numbers, others as text).

import { ExprError } from './errors.js';

function splitVersion(v: string): (number | string)[] {
  return v
    .trim()
    .replace(/^v/i, '')
    .split(/[.\-+_]/)
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function compareParts(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return Math.sign(x - y);
    // a number sorts after a text part (5.0.0 > 5.0.0-beta), as LooseVersion roughly does
    if (typeof x === 'number') return 1;
    if (typeof y === 'number') return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

const OPERATORS: Record<string, (c: number) => boolean> = {
  '<': (c) => c < 0,
  lt: (c) => c < 0,
  '<=': (c) => c <= 0,
  le: (c) => c <= 0,
  '>': (c) => c > 0,
  gt: (c) => c > 0,
  '>=': (c) => c >= 0,
  ge: (c) => c >= 0,
  '==': (c) => c === 0,
  '=': (c) => c === 0,
  eq: (c) => c === 0,
  '!=': (c) => c !== 0,
  '<>': (c) => c !== 0,
  ne: (c) => c !== 0,
};

/** `'5.0.0' is version('4.9.0', '>')`. */
export function compareVersions(actual: string, wanted: string, operator: string): boolean {
  const check = OPERATORS[operator];
  if (!check) throw new ExprError(`unknown version operator '${operator}'; use one of ${Object.keys(OPERATORS).join(' ')}`);
  return check(compareParts(splitVersion(actual), splitVersion(wanted)));
}
