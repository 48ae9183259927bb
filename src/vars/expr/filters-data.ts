// Value and mapping filters: default, mandatory, bool/int/float, round, ternary, combine, dict2items, items2dict.

import type { FilterFn } from './callables.js';
import { argAt, boolArg, inputList, textArg } from './callables.js';
import { ExprError, undefinedError } from './errors.js';
import { Missing, asTuple, isMapping, isText, isUndef, textOf, toBool, typeName, type Mapping, isFloat, isNum, makeFloat, unbox } from './values.js';

/** `default(v)`: v when the input is undefined (or, with `default(v, true)`, also when it is falsy). */
const defaultFilter: FilterFn = (v, call) => {
  const fallback = argAt(call, 0, 'default_value', '');
  const whenFalsy = boolArg(call, 1, 'boolean');
  return isUndef(v) || (whenFalsy && !call.kit.truthy(v)) ? fallback : v;
};

/** Jinja's int filter: numbers truncate, numeric text parses (in `base`), anything else gives the default (0). */
function toInt(v: unknown, fallback: number, base: number): number {
  if (isNum(v)) return Math.trunc(unbox(v));
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (!isText(v)) return fallback;
  const s = textOf(v).trim().replace(/_/g, '');
  if (base === 10) return /^[+-]?\d+(\.\d*)?([eE][+-]?\d+)?$/.test(s) ? Math.trunc(Number(s)) : fallback;
  const n = parseInt(s.replace(/^([+-]?)0[xob]/i, '$1'), base);
  return Number.isNaN(n) ? fallback : n;
}

function toFloat(v: unknown, fallback: number): number {
  if (isNum(v)) return unbox(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  const s = isText(v) ? textOf(v).trim() : '';
  return s === '' || Number.isNaN(Number(s)) ? fallback : Number(s);
}

function mergeDeep(a: Mapping, b: Mapping, recursive: boolean, listMerge: string): Mapping {
  const out: Mapping = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const old = out[k];
    if (recursive && isMapping(old) && isMapping(v)) out[k] = mergeDeep(old, v, true, listMerge);
    else if (Array.isArray(old) && Array.isArray(v) && listMerge !== 'replace') {
      out[k] = listMerge === 'append' ? [...old, ...v] : listMerge === 'prepend' ? [...v, ...old] : v;
    } else out[k] = v;
  }
  return out;
}

function mapping(name: string, v: unknown): Mapping {
  if (!isMapping(v)) throw new ExprError(`filter '${name}' needs a mapping, got ${typeName(v)}`);
  return v;
}

/** Python's round(n, precision) (the exact binary value decides; a true tie goes to the even neighbour), or math.ceil/floor. */
function roundNumber(n: number, precision: number, method: unknown): { n: number; float: boolean } {
  const f = 10 ** precision;
  if (method === 'ceil') return { n: Math.ceil(n * f) / f, float: true };
  if (method === 'floor') return { n: Math.floor(n * f) / f, float: true };
  const digits = Math.max(0, Math.min(80, precision));
  const exact = n.toFixed(digits + 20);
  if (/50*$/.test(exact.slice(exact.length - 20)) && exact[exact.length - 20] === '5') {
    const down = Math.floor(Math.abs(n) * f);
    return { n: (Math.sign(n) * (down % 2 === 0 ? down : down + 1)) / f, float: false };
  }
  return { n: Number(n.toFixed(digits)), float: false };
}

export const DATA_FILTERS: Readonly<Record<string, FilterFn>> = {
  default: defaultFilter,
  d: defaultFilter,
  mandatory: (v, call) => {
    if (!isUndef(v)) return v;
    const msg = argAt(call, 0, 'msg');
    if (isText(msg)) throw new ExprError(textOf(msg), v instanceof Missing ? v.path : 'value');
    throw v instanceof Missing ? undefinedError(v.path, 'mandatory variable') : new ExprError('mandatory value is undefined', 'value');
  },
  bool: (v) => (v === null ? null : toBool(v)),
  int: (v, call) => toInt(v, Number(argAt(call, 0, 'default', 0)), Number(argAt(call, 1, 'base', 10))),
  float: (v, call) => makeFloat(toFloat(v, Number(argAt(call, 0, 'default', 0)))),
  abs: (v) => (isFloat(v) ? makeFloat(Math.abs(toFloat(v, NaN))) : Math.abs(toFloat(v, NaN))),
  // Jinja: 'common' is Python's round() (an int stays an int), ceil/floor always give a float
  round: (v, call) => {
    const out = roundNumber(toFloat(v, NaN), Number(argAt(call, 0, 'precision', 0)), argAt(call, 1, 'method', 'common'));
    return isFloat(v) || out.float ? makeFloat(out.n) : out.n;
  },
  ternary: (v, call) => {
    if (v === null && call.args.length > 2) return argAt(call, 2, 'none_val');
    return call.kit.truthy(v) ? argAt(call, 0, 'true_val') : argAt(call, 1, 'false_val');
  },
  combine: (v, call) => {
    const recursive = call.named.recursive === true;
    const listMerge = String(call.named.list_merge ?? 'replace');
    const all = [v, ...call.args].flatMap((x) => (Array.isArray(x) ? x : [x]));
    return all.reduce((acc: Mapping, x) => mergeDeep(acc, mapping('combine', x), recursive, listMerge), {});
  },
  dict2items: (v, call) => {
    const k = textArg(call, 0, 'key_name', "filter 'dict2items'", 'key');
    const val = textArg(call, 1, 'value_name', "filter 'dict2items'", 'value');
    return Object.entries(mapping('dict2items', v)).map(([key, value]) => ({ [k]: key, [val]: value }));
  },
  items2dict: (v, call) => {
    const k = textArg(call, 0, 'key_name', "filter 'items2dict'", 'key');
    const val = textArg(call, 1, 'value_name', "filter 'items2dict'", 'value');
    const out: Mapping = {};
    for (const item of inputList(v, "filter 'items2dict'")) {
      const m = mapping('items2dict', item);
      if (!Object.hasOwn(m, k)) throw new ExprError(`filter 'items2dict': an item has no '${k}' key`);
      out[String(isText(m[k]) ? textOf(m[k] as string) : m[k])] = m[val];
    }
    return out;
  },
  dictsort: (v) => Object.entries(mapping('dictsort', v)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map((e) => asTuple(e)),
  items: (v) => Object.entries(mapping('items', v)).map((e) => asTuple(e)),
  type_debug: (v) => typeName(v),
};
