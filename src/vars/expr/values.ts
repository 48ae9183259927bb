// Value helpers of the expression language: undefined markers, type names, truthiness, equality, ordering, secret-aware text.

import { Secret, isSecret } from '../secret.js';
import { ExprError, undefinedError } from './errors.js';

/** An undefined value with the path that produced it (`result.nope`); never escapes the evaluator. */
export class Missing {
  constructor(
    readonly path: string,
    /** true when a top-level variable itself is undefined (not an attribute of a defined value) */
    readonly root: boolean,
  ) {}
}

export type Mapping = Record<string, unknown>;

/** A value with Python-like behaviour of its own: macros, `loop`, `namespace()`, `cycler()`. */
export abstract class PyObject {
  /** `obj.name`; undefined when it has no such attribute */
  abstract attr(name: string): unknown;
  /** `obj.name(...)`; undefined means no such method */
  method?(name: string, call: CallArgs): unknown;
  /** `obj(...)`, for callable objects */
  call?(call: CallArgs): unknown;
  /** what `{{ obj }}` prints */
  abstract pyStr(): string;
}

/** Arguments of a call as the evaluator passes them to PyObjects. */
export interface CallArgs {
  readonly args: readonly unknown[];
  readonly named: Readonly<Record<string, unknown>>;
}

/**
 * A Python float with an integral value (`4.0`): a JavaScript number cannot tell it from the int 4,
 * so expressions box it to print it as Python does (`{{ 3.7 | round }}` is `4.0`). Non-integral
 * floats stay plain numbers. A box that leaves an expression behaves as its number
 * (arithmetic, String(), JSON).
 */
export class PyFloat extends PyObject {
  constructor(readonly value: number) {
    super();
  }
  attr(): unknown {
    return undefined;
  }
  pyStr(): string {
    return Math.abs(this.value) < 1e16 ? `${Object.is(this.value, -0) ? '-0' : this.value}.0` : String(this.value);
  }
  override valueOf(): number {
    return this.value;
  }
  override toString(): string {
    return this.pyStr();
  }
  toJSON(): number {
    return this.value;
  }
}

/** A float result: boxed when integral, so it keeps printing as a float. */
export function makeFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

/** A number or a boxed float. */
export function isNum(v: unknown): v is number | PyFloat {
  return typeof v === 'number' || v instanceof PyFloat;
}

/** Python's float type: a boxed float, or a number with a fraction (or inf/nan). */
export function isFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

/** The number of a number or boxed float (other values pass through). */
export function unbox<T>(v: T | PyFloat): T | number {
  return v instanceof PyFloat ? v.value : v;
}

const tuples = new WeakSet<readonly unknown[]>();

/** Marks a list as a Python tuple (prints as `(1, 2)`; otherwise a list). */
export function asTuple<T extends unknown[]>(items: T): T {
  tuples.add(items);
  return items;
}

export function isTuple(v: unknown): boolean {
  return Array.isArray(v) && tuples.has(v);
}

export function isUndef(v: unknown): v is Missing | undefined {
  return v === undefined || v instanceof Missing;
}

export function isMapping(v: unknown): v is Mapping {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isSecret(v) && !(v instanceof Missing) && !(v instanceof PyObject) && !Buffer.isBuffer(v);
}

export function isText(v: unknown): v is string | Secret {
  return typeof v === 'string' || isSecret(v);
}

/** Plain JS value for the outside world: Missing becomes undefined. */
export function toPlain(v: unknown): unknown {
  if (v instanceof Missing) return undefined;
  if (v instanceof PyFloat) return v.value;
  // one level only: deeper values may be lazy views that must not be walked
  if (Array.isArray(v) && v.some((x) => x instanceof PyFloat)) return v.map((x) => (x instanceof PyFloat ? x.value : x));
  return v;
}

/** A user-facing type name (Python-like, but in the words of the docs). */
export function typeName(v: unknown): string {
  if (isUndef(v)) return 'undefined';
  if (v === null) return 'none';
  if (Array.isArray(v)) return 'list';
  if (isSecret(v)) return 'string';
  if (v instanceof PyFloat) return 'number';
  if (v instanceof PyObject) return 'object';
  if (typeof v === 'object') return 'mapping';
  return typeof v;
}

/** Throws an UndefinedVariableError-to-be when the value is undefined, naming its path. */
export function requireDefined(v: unknown, use: string): void {
  if (v instanceof Missing) throw undefinedError(v.path, v.root ? 'variable' : 'value');
  if (v === undefined) throw new ExprError(`undefined value used ${use}`);
}

const TRUE_WORDS = new Set(['true', 'yes', 'on', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', 'n', '0', '', 'none', 'null']);

/**
 * Truthiness: Python's, except that a string spelling a boolean is that boolean
 * ('false', 'no', 'off', '0' are false), as Ansible does for `-e flag=false`.
 */
export function isTruthy(v: unknown): boolean {
  if (isUndef(v) || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (isNum(v)) return unbox(v) !== 0 && !Number.isNaN(unbox(v));
  if (isText(v)) {
    const t = textOf(v).trim().toLowerCase();
    if (TRUE_WORDS.has(t)) return true;
    if (FALSE_WORDS.has(t)) return false;
    return true;
  }
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return Boolean(v);
}

/** Python's truthiness (Jinja templates): only empty or zero values are false; the string 'false' is true. */
export function isPythonTruthy(v: unknown): boolean {
  if (isUndef(v) || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (isNum(v)) return unbox(v) !== 0 && !Number.isNaN(unbox(v));
  if (isText(v)) return textOf(v).length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyObject) return true;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return Boolean(v);
}

/** The `bool` filter: booleans, numbers, and the words yes/no/true/false/on/off/1/0. */
export function toBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (isNum(v)) return unbox(v) === 1;
  if (isText(v)) return TRUE_WORDS.has(textOf(v).trim().toLowerCase());
  return false;
}

/** The text of a string or Secret (revealed: callers must keep the result secret via keepSecret). */
export function textOf(v: string | Secret): string {
  return typeof v === 'string' ? v : v.reveal();
}

/** Wraps a computed string in a Secret when any input was a Secret, so masking follows the value. */
export function keepSecret(out: string, ...inputs: unknown[]): string | Secret {
  return inputs.some((v) => containsSecret(v)) ? new Secret(out) : out;
}

export function containsSecret(v: unknown, seen = new Set<unknown>()): boolean {
  if (isSecret(v)) return true;
  if (v === null || typeof v !== 'object' || seen.has(v)) return false;
  seen.add(v);
  return Object.values(v as Mapping).some((x) => containsSecret(x, seen));
}

function isNumberLike(v: unknown): v is number | boolean | PyFloat {
  return isNum(v) || typeof v === 'boolean';
}

/** Python `==`: deep for lists and mappings, 1 == 1.0 == true, Secrets compare by their text. */
export function equalValues(a: unknown, b: unknown): boolean {
  if (isSecret(a)) a = a.reveal();
  if (isSecret(b)) b = b.reveal();
  if (isUndef(a) || isUndef(b)) return isUndef(a) && isUndef(b);
  if (isNumberLike(a) && isNumberLike(b)) return Number(a) === Number(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equalValues(x, b[i]));
  if (isMapping(a) && isMapping(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && equalValues(a[k], b[k]));
  }
  return a === b;
}

/** Python ordering: numbers with numbers, strings with strings, lists element-wise; -1, 0 or 1. */
export function compareValues(a: unknown, b: unknown, op: string): number {
  if (isSecret(a)) a = a.reveal();
  if (isSecret(b)) b = b.reveal();
  if (isNumberLike(a) && isNumberLike(b)) return Math.sign(Number(a) - Number(b));
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!equalValues(a[i], b[i])) return compareValues(a[i], b[i], op);
    }
    return Math.sign(a.length - b.length);
  }
  throw new ExprError(`cannot compare ${typeName(a)} with ${typeName(b)} using '${op}'${hintNumber(a, b)}`);
}

function hintNumber(a: unknown, b: unknown): string {
  const mixed = (typeof a === 'string' && isNum(b)) || (isNum(a) && typeof b === 'string');
  return mixed ? " (convert the string first, e.g. 'x | int')" : '';
}
