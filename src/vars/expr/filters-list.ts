// List filters: length, first/last, join, unique, sort, min/max/sum, set operations, map/select/selectattr.

import type { Call, FilterFn } from './callables.js';
import { argAt, boolArg, inputList, textArg } from './callables.js';
import { ExprError } from './errors.js';
import { pyStr } from './py-string.js';
import { compareValues, equalValues, isMapping, isText, keepSecret, textOf, typeName, isFloat, makeFloat } from './values.js';

function list(name: string, v: unknown): unknown[] {
  return inputList(v, `filter '${name}'`);
}

/** `attribute='a.b'` (dotted) or an index, read from one item. */
function pick(item: unknown, attribute: unknown): unknown {
  if (attribute === undefined || attribute === null) return item;
  let cur = item;
  for (const part of String(attribute).split('.')) {
    if (isMapping(cur)) cur = cur[part];
    else if (Array.isArray(cur) && /^-?\d+$/.test(part)) cur = cur[Number(part)];
    else return undefined;
  }
  return cur;
}

function sortKey(call: Call, item: unknown): unknown {
  const v = pick(item, argAt(call, 2, 'attribute'));
  return !boolArg(call, 1, 'case_sensitive') && isText(v) ? textOf(v).toLowerCase() : v;
}

function sorted(name: string, v: unknown, call: Call): unknown[] {
  return [...list(name, v)].sort((a, b) => compareValues(sortKey(call, a), sortKey(call, b), `filter '${name}'`));
}

function extreme(name: string, sign: 1 | -1): FilterFn {
  return (v, call) => {
    const items = list(name, v);
    if (items.length === 0) return undefined;
    const key = (x: unknown) => pick(x, call.named.attribute);
    return items.reduce((best, x) => (compareValues(key(x), key(best), name) * sign > 0 ? x : best));
  };
}

function unique(items: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const x of items) if (!out.some((y) => equalValues(x, y))) out.push(x);
  return out;
}

/** select/reject: items passing a test (or truthy when no test is named). */
function selectBy(keep: boolean, byAttribute: boolean): FilterFn {
  return (v, call) => {
    const items = list(byAttribute ? 'selectattr' : 'select', v);
    const attr = byAttribute ? textArg(call, 0, 'attribute', 'selectattr/rejectattr') : undefined;
    const rest = byAttribute ? call.args.slice(1) : call.args;
    const [testName, ...testArgs] = rest;
    return items.filter((item) => {
      const value = byAttribute ? pick(item, attr) : item;
      const ok = testName === undefined ? call.kit.truthy(value) : call.kit.test(String(testName), value, testArgs);
      return ok === keep;
    });
  };
}

function flatten(items: unknown[], levels: number): unknown[] {
  return items.flatMap((x) => (Array.isArray(x) && levels > 0 ? flatten(x, levels - 1) : [x]));
}

function length(v: unknown): number {
  if (isText(v)) return textOf(v).length;
  if (Array.isArray(v)) return v.length;
  if (isMapping(v)) return Object.keys(v).length;
  throw new ExprError(`filter 'length' needs a string, list or mapping, got ${typeName(v)}`);
}

export const LIST_FILTERS: Readonly<Record<string, FilterFn>> = {
  length,
  count: length,
  first: (v) => (isText(v) ? keepSecret(textOf(v).slice(0, 1), v) : list('first', v)[0]),
  last: (v) => (isText(v) ? keepSecret(textOf(v).slice(-1), v) : list('last', v).at(-1)),
  join: (v, call) => {
    const items = list('join', v);
    const sep = textArg(call, 0, 'd', "filter 'join'", '');
    const attr = argAt(call, 1, 'attribute');
    const parts = items.map((x) => pick(x, attr));
    return keepSecret(parts.map(pyStr).join(sep), ...parts);
  },
  list: (v) => [...list('list', v)],
  unique: (v) => unique(list('unique', v)),
  sort: (v, call) => {
    const out = sorted('sort', v, call);
    return boolArg(call, 0, 'reverse') ? out.reverse() : out;
  },
  reverse: (v) => (isText(v) ? keepSecret([...textOf(v)].reverse().join(''), v) : [...list('reverse', v)].reverse()),
  min: extreme('min', -1),
  max: extreme('max', 1),
  sum: (v, call) => {
    const items = list('sum', v).map((x) => pick(x, call.named.attribute));
    const total = items.reduce((acc: number, x) => acc + Number(x), Number(argAt(call, 1, 'start', 0)));
    return items.some(isFloat) ? makeFloat(total) : total;
  },
  flatten: (v, call) => flatten(list('flatten', v), Number(argAt(call, 0, 'levels', Infinity) ?? Infinity)),
  union: (v, call) => unique([...list('union', v), ...list('union', argAt(call, 0, 'other'))]),
  intersect: (v, call) => unique(list('intersect', v).filter((x) => list('intersect', argAt(call, 0, 'other')).some((y) => equalValues(x, y)))),
  difference: (v, call) => unique(list('difference', v).filter((x) => !list('difference', argAt(call, 0, 'other')).some((y) => equalValues(x, y)))),
  map: (v, call) => {
    const items = list('map', v);
    if (Object.hasOwn(call.named, 'attribute')) return items.map((x) => pick(x, call.named.attribute) ?? call.named.default);
    const [name, ...args] = call.args;
    if (!isText(name)) throw new ExprError("filter 'map' needs a filter name, e.g. map('upper'), or map(attribute='name')");
    return items.map((x) => call.kit.filter(textOf(name), x, args));
  },
  select: selectBy(true, false),
  reject: selectBy(false, false),
  selectattr: selectBy(true, true),
  rejectattr: selectBy(false, true),
};
