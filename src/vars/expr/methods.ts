// Python-style methods on strings and mappings (`x.split(',')`, `d.get('k')`) and the global functions (range, dict).

import { didYouMean } from '../../util/closest.js';
import type { Call } from './callables.js';
import { argAt, textArg } from './callables.js';
import { ExprError } from './errors.js';
import { Secret } from '../secret.js';
import { asTuple, isMapping, isText, keepSecret, textOf, typeName, type Mapping } from './values.js';
import { pyStr } from './py-string.js';
import { LIST_METHODS, MORE_MAPPING_METHODS, MORE_STRING_METHODS } from './methods-more.js';

type Method<T> = (self: T, call: Call, raw: unknown) => unknown;

function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  if (chars === undefined || chars === null) return left && right ? s.trim() : left ? s.trimStart() : s.trimEnd();
  const set = new Set(String(isText(chars) ? textOf(chars) : chars));
  let a = 0;
  let b = s.length;
  while (left && a < b && set.has(s[a]!)) a++;
  while (right && b > a && set.has(s[b - 1]!)) b--;
  return s.slice(a, b);
}

function splitText(s: string, call: Call): string[] {
  const sep = argAt(call, 0, 'sep');
  const max = Number(argAt(call, 1, 'maxsplit', -1));
  const parts = sep === undefined || sep === null ? s.trim().split(/\s+/).filter(Boolean) : s.split(textArg(call, 0, 'sep', 'split()'));
  if (max < 0 || parts.length <= max + 1) return parts;
  const joiner = sep === undefined || sep === null ? ' ' : textArg(call, 0, 'sep', 'split()');
  return [...parts.slice(0, max), parts.slice(max).join(joiner)];
}

function prefixTest(fn: (s: string, p: string) => boolean): Method<string> {
  return (s, call) => {
    const p = argAt(call, 0, 'prefix');
    const options = Array.isArray(p) ? p : [p];
    return options.some((o) => isText(o) && fn(s, textOf(o)));
  };
}

const STRING_METHODS: Readonly<Record<string, Method<string>>> = {
  split: (s, call, raw) => splitText(s, call).map((p) => keepSecret(p, raw)),
  splitlines: (s, _c, raw) => s.split(/\r?\n/).filter((l, i, all) => i < all.length - 1 || l !== '').map((p) => keepSecret(p, raw)),
  startswith: prefixTest((s, p) => s.startsWith(p)),
  endswith: prefixTest((s, p) => s.endsWith(p)),
  strip: (s, call, raw) => keepSecret(stripChars(s, call.args[0], true, true), raw),
  lstrip: (s, call, raw) => keepSecret(stripChars(s, call.args[0], true, false), raw),
  rstrip: (s, call, raw) => keepSecret(stripChars(s, call.args[0], false, true), raw),
  lower: (s, _c, raw) => keepSecret(s.toLowerCase(), raw),
  upper: (s, _c, raw) => keepSecret(s.toUpperCase(), raw),
  replace: (s, call, raw) => keepSecret(s.split(textArg(call, 0, 'old', 'replace()')).join(textArg(call, 1, 'new', 'replace()')), raw),
  find: (s, call) => s.indexOf(textArg(call, 0, 'sub', 'find()')),
  count: (s, call) => s.split(textArg(call, 0, 'sub', 'count()')).length - 1,
  isdigit: (s) => /^\d+$/.test(s),
  join: (s, call, raw) => {
    const items = argAt(call, 0, 'iterable');
    if (!Array.isArray(items)) throw new ExprError(`join() needs a list, got ${typeName(items)}`);
    return keepSecret(items.map(pyStr).join(s), raw, ...items);
  },
};

const MAPPING_METHODS: Readonly<Record<string, Method<Mapping>>> = {
  keys: (m) => Object.keys(m),
  values: (m) => Object.values(m),
  items: (m) => Object.entries(m).map((e) => asTuple(e)),
  get: (m, call) => {
    const k = argAt(call, 0, 'key');
    const key = isText(k) ? textOf(k) : String(k);
    return Object.hasOwn(m, key) && m[key] !== undefined ? m[key] : argAt(call, 1, 'default', null);
  },
};

/** `target.name(args)`. */
export function callMethod(target: unknown, name: string, call: Call): unknown {
  if (isText(target)) {
    const fn = Object.hasOwn(STRING_METHODS, name) ? STRING_METHODS[name] : undefined;
    if (fn) return fn(textOf(target), call, target instanceof Secret ? target : undefined);
    const more = Object.hasOwn(MORE_STRING_METHODS, name) ? MORE_STRING_METHODS[name] : undefined;
    if (more) {
      const out = more(textOf(target), call);
      return typeof out === 'string' ? keepSecret(out, target) : out;
    }
    throw new ExprError(`unknown string method '${name}()'${didYouMean(name, [...Object.keys(STRING_METHODS), ...Object.keys(MORE_STRING_METHODS)])}`);
  }
  if (isMapping(target)) {
    const fn = Object.hasOwn(MAPPING_METHODS, name) ? MAPPING_METHODS[name] : Object.hasOwn(MORE_MAPPING_METHODS, name) ? MORE_MAPPING_METHODS[name] : undefined;
    if (fn) return fn(target, call, target);
    throw new ExprError(`unknown mapping method '${name}()'${didYouMean(name, [...Object.keys(MAPPING_METHODS), ...Object.keys(MORE_MAPPING_METHODS)])}`);
  }
  if (Array.isArray(target)) {
    const fn = Object.hasOwn(LIST_METHODS, name) ? LIST_METHODS[name] : undefined;
    if (fn) return fn(target, call);
    throw new ExprError(`unknown list method '${name}()'${didYouMean(name, Object.keys(LIST_METHODS))}`);
  }
  throw new ExprError(`a ${typeName(target)} has no method '${name}()'`);
}

function rangeOf(call: Call): number[] {
  const nums = call.args.map(Number);
  if (nums.length === 0 || nums.length > 3 || nums.some((n) => !Number.isInteger(n))) throw new ExprError('range() takes 1 to 3 integers');
  const [start, stop, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
  if (step === 0) throw new ExprError('range() step must not be zero');
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
    out.push(i);
    if (out.length > 100000) throw new ExprError('range() is too long (more than 100000 items)');
  }
  return out;
}

function badPair(p: unknown): never {
  throw new ExprError(`dict() needs a mapping or a list of (key, value) pairs, got the item ${pyStr(p)}`);
}

const FUNCTIONS: Readonly<Record<string, (call: Call) => unknown>> = {
  range: rangeOf,
  dict: (call) => {
    const first = call.args[0];
    const pairs = Array.isArray(first) ? Object.fromEntries(first.map((p) => (Array.isArray(p) && p.length === 2 ? [String(isText(p[0]) ? textOf(p[0]) : p[0]), p[1]] : badPair(p)))) : {};
    return { ...(isMapping(first) ? first : pairs), ...call.named };
  },
};

/** A global function call: `range(3)`. */
export function callFunction(name: string, call: Call): unknown {
  const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!fn) throw new ExprError(`unknown function '${name}()'${didYouMean(name, Object.keys(FUNCTIONS))} (filters are written 'value | name(...)')`);
  return fn(call);
}
