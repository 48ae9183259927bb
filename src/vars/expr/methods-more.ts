// Python list methods (append, extend, ...) and the rarer str/dict methods templates use ('{}'.format, zfill, d.copy()).

import type { Call } from './callables.js';
import { argAt } from './callables.js';
import { ExprError } from './errors.js';
import { pyStr } from './py-string.js';
import { asTuple, equalValues, isMapping, isText, textOf, type Mapping } from './values.js';

type Method<T> = (self: T, call: Call) => unknown;

const text = (v: unknown): string => (isText(v) ? textOf(v) : pyStr(v));

/** `'{} {name} {0}'.format(...)` without format specs beyond the field name. */
function format(s: string, call: Call): string {
  let auto = 0;
  return s.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, field: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const [name] = field!.split(/[:!]/);
    if (name === '') return text(call.args[auto++]);
    if (/^\d+$/.test(name!)) return text(call.args[Number(name)]);
    if (!Object.hasOwn(call.named, name!)) throw new ExprError(`format(): no value for the field '${name}'`);
    return text(call.named[name!]);
  });
}

function pad(side: 'start' | 'end'): Method<string> {
  return (s, call) => {
    const width = Number(argAt(call, 0, 'width'));
    const fill = String(argAt(call, 1, 'fillchar', ' '));
    return side === 'start' ? s.padStart(width, fill) : s.padEnd(width, fill);
  };
}

export const MORE_STRING_METHODS: Readonly<Record<string, Method<string>>> = {
  format,
  zfill: (s, call) => {
    const width = Number(argAt(call, 0, 'width'));
    const sign = /^[+-]/.test(s) ? s[0]! : '';
    return sign + s.slice(sign.length).padStart(width - sign.length, '0');
  },
  title: (s) => s.toLowerCase().replace(/(^|[^A-Za-z])([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase()),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  rjust: pad('start'),
  ljust: pad('end'),
  rsplit: (s, call) => {
    const sep = argAt(call, 0, 'sep');
    const max = Number(argAt(call, 1, 'maxsplit', -1));
    if (sep === undefined || sep === null) return s.trim().split(/\s+/).filter(Boolean);
    const parts = s.split(text(sep));
    if (max < 0 || parts.length <= max + 1) return parts;
    return [parts.slice(0, parts.length - max).join(text(sep)), ...parts.slice(parts.length - max)];
  },
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isalnum: (s) => /^[\p{L}\p{N}]+$/u.test(s),
  isspace: (s) => /^\s+$/.test(s),
  islower: (s) => /\p{Ll}/u.test(s) && s === s.toLowerCase(),
  isupper: (s) => /\p{Lu}/u.test(s) && s === s.toUpperCase(),
  index: (s, call) => {
    const i = s.indexOf(text(argAt(call, 0, 'sub')));
    if (i < 0) throw new ExprError('substring not found');
    return i;
  },
  partition: (s, call) => {
    const sep = text(argAt(call, 0, 'sep'));
    const i = s.indexOf(sep);
    return asTuple(i < 0 ? [s, '', ''] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
};

export const MORE_MAPPING_METHODS: Readonly<Record<string, Method<Mapping>>> = {
  copy: (m) => ({ ...m }),
  update: (m, call) => {
    Object.assign(m, isMapping(call.args[0]) ? call.args[0] : {}, call.named);
    return null;
  },
  pop: (m, call) => {
    const k = text(argAt(call, 0, 'key'));
    if (!Object.hasOwn(m, k)) {
      if (call.args.length > 1) return call.args[1];
      throw new ExprError(`KeyError: ${pyStr(k)}`);
    }
    const v = m[k];
    delete m[k];
    return v;
  },
  setdefault: (m, call) => {
    const k = text(argAt(call, 0, 'key'));
    if (!Object.hasOwn(m, k)) m[k] = argAt(call, 1, 'default', null);
    return m[k];
  },
};

function listIndex(l: unknown[], v: unknown): number {
  const i = l.findIndex((x) => equalValues(x, v));
  if (i < 0) throw new ExprError(`${pyStr(v)} is not in list`);
  return i;
}

/** Python list methods (they change the list, as in Ansible: `{% set _ = x.append(1) %}`). */
export const LIST_METHODS: Readonly<Record<string, Method<unknown[]>>> = {
  append: (l, call) => (l.push(call.args[0]), null),
  extend: (l, call) => (l.push(...(Array.isArray(call.args[0]) ? call.args[0] : [])), null),
  insert: (l, call) => (l.splice(Number(call.args[0]), 0, call.args[1]), null),
  pop: (l, call) => {
    if (l.length === 0) throw new ExprError('pop from empty list');
    const i = call.args.length ? Number(call.args[0]) : -1;
    return l.splice(i < 0 ? l.length + i : i, 1)[0];
  },
  remove: (l, call) => (l.splice(listIndex(l, call.args[0]), 1), null),
  index: (l, call) => listIndex(l, call.args[0]),
  count: (l, call) => l.filter((x) => equalValues(x, call.args[0])).length,
  copy: (l) => [...l],
};
