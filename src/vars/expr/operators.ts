// Binary operators with Python semantics: comparisons, membership, arithmetic, `~` concatenation; Secrets stay secret.

import { ExprError } from './errors.js';
import { pyStr } from './py-string.js';
import { formatPercent } from './py-format.js';
import { compareValues, equalValues, isFloat, isMapping, isNum, isText, isUndef, keepSecret, makeFloat, requireDefined, textOf, typeName, unbox, type PyFloat } from './values.js';

/** `needle in haystack`: list element, substring, or mapping key; false when either side is undefined. */
export function containsValue(haystack: unknown, needle: unknown): boolean {
  if (isUndef(haystack) || isUndef(needle)) return false;
  if (Array.isArray(haystack)) return haystack.some((x) => equalValues(x, needle));
  if (isText(haystack)) {
    if (!isText(needle)) throw new ExprError(`'in <string>' needs a string on the left, got ${typeName(needle)}`);
    return textOf(haystack).includes(textOf(needle));
  }
  if (isMapping(haystack)) return Object.hasOwn(haystack, isText(needle) ? textOf(needle) : String(needle));
  throw new ExprError(`'in' needs a list, string or mapping on the right, got ${typeName(haystack)}`);
}

const COMPARE: Record<string, (c: number) => boolean> = {
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

/**
 * Applies a binary operator (not `and`/`or`, which short-circuit in the evaluator).
 * An undefined operand makes comparisons false (so `result.rc == 0` on a check-mode result is false),
 * and is an error for arithmetic.
 */
export function applyBinary(op: string, a: unknown, b: unknown): unknown {
  switch (op) {
    case '==':
      return equalValues(a, b);
    case '!=':
      return !equalValues(a, b);
    case 'in':
      return containsValue(b, a);
    case 'not in':
      return !containsValue(b, a);
    case '~':
      requireDefined(a, "with '~'");
      requireDefined(b, "with '~'");
      return keepSecret(pyStr(a) + pyStr(b), a, b);
  }
  if (op in COMPARE) {
    if (isUndef(a) || isUndef(b)) return false;
    return COMPARE[op]!(compareValues(a, b, op));
  }
  requireDefined(a, `with '${op}'`);
  requireDefined(b, `with '${op}'`);
  return applyArithmetic(op, a, b);
}

function applyArithmetic(op: string, a: unknown, b: unknown): unknown {
  if (op === '+') {
    if (isText(a) && isText(b)) return keepSecret(textOf(a) + textOf(b), a, b);
    if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  }
  if (op === '%' && isText(a)) return keepSecret(formatPercent(textOf(a), b), a, b);
  if (op === '*') {
    if (isText(a) && Number.isInteger(b)) return keepSecret(textOf(a).repeat(repeatCount(textOf(a).length, b as number)), a);
    if (Array.isArray(a) && Number.isInteger(b)) return Array.from({ length: repeatCount(a.length, b as number) }, () => a).flat();
  }
  const x = toNumber(a, op);
  const y = toNumber(b, op);
  const float = isFloat(a) || isFloat(b);
  // Python: a float operand makes a float result, `/` always does, and so does int ** negative int
  const result = (n: number, asFloat = float) => (asFloat ? makeFloat(n) : n);
  switch (op) {
    case '+':
      return result(x + y);
    case '-':
      return result(x - y);
    case '*':
      return result(x * y);
    case '**':
      return result(x ** y, float || y < 0);
  }
  if (y === 0) throw new ExprError(`division by zero with '${op}'`);
  if (op === '/') return result(x / y, true);
  if (op === '//') return result(Math.floor(x / y));
  if (op === '%') return result(x - y * Math.floor(x / y));
  throw new ExprError(`unknown operator '${op}'`);
}

/** Items a repetition makes, refused beyond MAX_REPEAT (a value that large is a mistake, not a config file). */
const MAX_REPEAT = 10_000_000;

function repeatCount(size: number, times: number): number {
  const n = Math.max(0, times);
  if (size * n > MAX_REPEAT) throw new ExprError(`'*' would make ${size * n} items or characters (more than ${MAX_REPEAT})`);
  return n;
}

function toNumber(v: unknown, op: string): number {
  if (isNum(v)) return unbox(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  const hint = op === '+' && isText(v) ? " (use '~' to join text, or 'x | int' to convert)" : isText(v) ? " (convert with 'x | int' or 'x | float')" : '';
  throw new ExprError(`'${op}' needs numbers, got ${typeName(v)}${hint}`);
}

/** Unary minus/plus on a number. */
export function applySign(op: '-' | '+', v: unknown): number | PyFloat {
  requireDefined(v, `with unary '${op}'`);
  const n = toNumber(v, op);
  return isFloat(v) ? makeFloat(op === '-' ? -n : n) : op === '-' ? -n : n;
}
