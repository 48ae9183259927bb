// Less common Jinja and Ansible filters: indent, format, center, batch, groupby, attr, zip, extract, paths, quote.

import os from 'node:os';
import path from 'node:path';
import { quoteArg } from '../../connection/quote.js';
import type { Call, FilterFn } from './callables.js';
import { argAt, inputList, inputText } from './callables.js';
import { ExprError } from './errors.js';
import { formatPercent } from './py-format.js';
import { pyStr } from './py-string.js';
import { getItem } from './subscript.js';
import { Missing, PyObject, asTuple, compareValues, equalValues, isText, keepSecret, textOf } from './values.js';

/** Python's str.splitlines() separators. */
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

function indent(v: unknown, call: Call): unknown {
  const s = inputText(v, "filter 'indent'") + '\n';
  const width = argAt(call, 0, 'width', 4);
  const pad = isText(width) ? textOf(width) : ' '.repeat(Number(width));
  const first = argAt(call, 1, 'first', false) === true;
  const blank = argAt(call, 2, 'blank', false) === true;
  const lines = s.split(LINE_BREAK);
  if (lines.at(-1) === '') lines.pop();
  let out: string;
  if (blank) out = lines.join('\n' + pad);
  else {
    out = lines.shift() ?? '';
    if (lines.length) out += '\n' + lines.map((l) => (l ? pad + l : l)).join('\n');
  }
  return keepSecret(first ? pad + out : out, v);
}

function center(v: unknown, call: Call): unknown {
  const s = inputText(v, "filter 'center'");
  const width = Number(argAt(call, 0, 'width', 80));
  if (s.length >= width) return s;
  const total = width - s.length;
  // Python's str.center puts the odd extra space on the left when the width is odd
  const left = Math.floor(total / 2) + (total % 2 && width % 2 ? 1 : 0);
  return keepSecret(' '.repeat(left) + s + ' '.repeat(total - left), v);
}

function batch(v: unknown, call: Call): unknown {
  const items = inputList(v, "filter 'batch'");
  const size = Number(argAt(call, 0, 'linecount'));
  if (!Number.isInteger(size) || size < 1) throw new ExprError("filter 'batch' needs a positive count");
  const fill = argAt(call, 1, 'fill_with');
  const out: unknown[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  const last = out.at(-1);
  if (last && fill !== undefined) while (last.length < size) last.push(fill);
  return out;
}

/** `attribute='a.b'` of an item, as Jinja's make_attrgetter reads it. */
function attrOf(item: unknown, attribute: unknown): unknown {
  let cur = item;
  for (const part of String(attribute).split('.')) cur = getItem(cur, /^\d+$/.test(part) && Array.isArray(cur) ? Number(part) : part, 'item');
  return cur instanceof Missing ? undefined : cur;
}

function groupby(v: unknown, call: Call): unknown {
  const attribute = argAt(call, 0, 'attribute');
  const dflt = argAt(call, 1, 'default');
  const keyOf = (x: unknown) => attrOf(x, attribute) ?? dflt;
  const sorted = [...inputList(v, "filter 'groupby'")].sort((a, b) => compareValues(keyOf(a), keyOf(b), "filter 'groupby'"));
  const groups: [unknown, unknown[]][] = [];
  for (const item of sorted) {
    const k = keyOf(item);
    const last = groups.at(-1);
    if (last && equalValues(last[0], k)) last[1].push(item);
    else groups.push([k, [item]]);
  }
  return groups.map((g) => asTuple(g));
}

function zipLists(lists: unknown[][], longest: boolean, fill: unknown): unknown[] {
  const n = lists.length === 0 ? 0 : longest ? Math.max(...lists.map((l) => l.length)) : Math.min(...lists.map((l) => l.length));
  return Array.from({ length: n }, (_, i) => asTuple(lists.map((l) => (i < l.length ? l[i] : fill))));
}

/** Ansible's extract: `container[item]` then each of `morekeys`. */
function extract(v: unknown, call: Call): unknown {
  const container = argAt(call, 0, 'container');
  const more = argAt(call, 1, 'morekeys');
  let out = getItem(container, v, 'container');
  for (const k of more === undefined ? [] : Array.isArray(more) ? more : [more]) out = getItem(out, k, 'container');
  if (out instanceof Missing) throw new ExprError(`extract: no key ${pyStr(v)} in the container`, out.path);
  return out;
}

function pathFilter(name: string, fn: (s: string) => string): FilterFn {
  return (v) => keepSecret(fn(inputText(v, `filter '${name}'`)), v);
}

/** Jinja's truncate(length=255, killwords=False, end='...', leeway=5). */
function truncate(v: unknown, call: Call): unknown {
  const s = inputText(v, "filter 'truncate'");
  const length = Number(argAt(call, 0, 'length', 255));
  const killwords = argAt(call, 1, 'killwords', false) === true;
  const end = String(argAt(call, 2, 'end', '...'));
  const leeway = Number(argAt(call, 3, 'leeway', 5));
  if (length < end.length) throw new ExprError(`filter 'truncate': length must be at least ${end.length}`);
  if (s.length <= length + leeway) return v;
  const head = s.slice(0, length - end.length);
  const space = head.lastIndexOf(' ');
  return keepSecret((killwords || space < 0 ? head : head.slice(0, space)) + end, v);
}

/** Ansible's random: an element of a list, or an integer below `end` (`start`, `step`). */
function random(v: unknown, call: Call): unknown {
  if (typeof v === 'number') {
    const start = Number(argAt(call, 0, 'start', 0));
    const step = Number(argAt(call, 1, 'step', 1));
    const count = Math.max(0, Math.ceil((v - start) / step));
    if (count === 0) throw new ExprError("filter 'random': empty range");
    return start + step * Math.floor(Math.random() * count);
  }
  const items = inputList(v, "filter 'random'");
  if (items.length === 0) throw new ExprError("filter 'random': empty sequence");
  return items[Math.floor(Math.random() * items.length)];
}

export const MORE_FILTERS: Readonly<Record<string, FilterFn>> = {
  truncate,
  random,
  shuffle: (v) => [...inputList(v, "filter 'shuffle'")].map((x) => [Math.random(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x),
  symmetric_difference: (v, call) => {
    const a = inputList(v, "filter 'symmetric_difference'");
    const b = inputList(argAt(call, 0, 'other'), "filter 'symmetric_difference'");
    const out: unknown[] = [];
    for (const x of [...a.filter((x) => !b.some((y) => equalValues(x, y))), ...b.filter((y) => !a.some((x) => equalValues(x, y)))]) {
      if (!out.some((y) => equalValues(x, y))) out.push(x);
    }
    return out;
  },
  indent,
  center,
  batch,
  groupby,
  format: (v, call) => keepSecret(formatPercent(inputText(v, "filter 'format'"), Object.keys(call.named).length ? call.named : asTuple([...call.args])), v),
  attr: (v, call) => (v instanceof PyObject ? v.attr(String(argAt(call, 0, 'name'))) : undefined),
  wordcount: (v) => (inputText(v, "filter 'wordcount'").match(/\w+/gu) ?? []).length,
  safe: (v) => v,
  escape: (v) => keepSecret(inputText(v, "filter 'escape'").replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'), v),
  zip: (v, call) => zipLists([inputList(v, "filter 'zip'"), ...call.args.map((a) => inputList(a, "filter 'zip'"))], false, null),
  zip_longest: (v, call) => zipLists([inputList(v, "filter 'zip_longest'"), ...call.args.map((a) => inputList(a, "filter 'zip_longest'"))], true, call.named.fillvalue ?? null),
  extract,
  splitext: (v) => {
    const s = inputText(v, "filter 'splitext'");
    const ext = path.posix.extname(s);
    return asTuple([s.slice(0, s.length - ext.length), ext]);
  },
  path_join: (v) => path.posix.join(...inputList(v, "filter 'path_join'").map((p) => (isText(p) ? textOf(p) : String(p)))),
  expanduser: pathFilter('expanduser', (s) => (s === '~' || s.startsWith('~/') ? os.homedir() + s.slice(1) : s)),
  realpath: pathFilter('realpath', (s) => path.resolve(s)),
  relpath: (v, call) => path.posix.relative(String(argAt(call, 0, 'start', process.cwd())), inputText(v, "filter 'relpath'")),
  quote: pathFilter('quote', (s) => quoteArg(s)),
};
