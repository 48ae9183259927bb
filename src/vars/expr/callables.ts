// Shared shapes of filters, tests, functions and methods, and helpers to read their arguments.

import { ExprError } from './errors.js';
import { PyFloat, isText, textOf, typeName } from './values.js';

/** Lets a filter or test call other filters and tests (map('upper'), select('match', 'x')). */
export interface Kit {
  filter(name: string, input: unknown, args: readonly unknown[], named?: Readonly<Record<string, unknown>>): unknown;
  test(name: string, value: unknown, args: readonly unknown[], named?: Readonly<Record<string, unknown>>): boolean;
  /** the truthiness rule in force (Python's in templates, the condition rule in `when`) */
  truthy(v: unknown): boolean;
}

export interface Call {
  readonly args: readonly unknown[];
  readonly named: Readonly<Record<string, unknown>>;
  readonly kit: Kit;
}

export type FilterFn = (input: unknown, call: Call) => unknown;
export type TestFn = (value: unknown, call: Call) => boolean;

/** Argument `i` (or keyword `name`), else the default. */
export function argAt(call: Call, i: number, name: string, fallback?: unknown): unknown {
  if (Object.hasOwn(call.named, name)) return call.named[name];
  return i < call.args.length ? call.args[i] : fallback;
}

/** A required string argument. */
export function textArg(call: Call, i: number, name: string, what: string, fallback?: string): string {
  const v = argAt(call, i, name, fallback);
  if (v === undefined) throw new ExprError(`${what} needs the argument '${name}'`);
  if (!isText(v)) throw new ExprError(`${what}: argument '${name}' must be a string, got ${typeName(v)}`);
  return textOf(v);
}

/** The input as text (string or Secret), else an error naming the filter. */
export function inputText(v: unknown, what: string): string {
  if (isText(v)) return textOf(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat) return String(v);
  throw new ExprError(`${what} needs a string, got ${typeName(v)}`);
}

/** The input as a list (a mapping gives its keys, a string its characters, as Python iterates them). */
export function inputList(v: unknown, what: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v];
  if (v !== null && typeof v === 'object' && !isText(v)) return Object.keys(v);
  throw new ExprError(`${what} needs a list, got ${typeName(v)}`);
}

export function boolArg(call: Call, i: number, name: string, fallback = false): boolean {
  const v = argAt(call, i, name, fallback);
  return v === true || v === 'true' || v === 1;
}
