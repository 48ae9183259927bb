// Python's printf-style `'%s-%d' % (a, b)` string formatting (the common conversions).

import { ExprError } from './errors.js';
import { pyRepr, pyStr } from './py-string.js';
import { isSecret } from '../secret.js';
import { isMapping, isNum, isText, unbox } from './values.js';

const SPEC = /%(?:\(([^)]*)\))?([-+ #0]*)(\d+|\*)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g;

function toNum(v: unknown, conv: string): number {
  if (isNum(v)) return unbox(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new ExprError(`%${conv} format: a number is required, not ${isText(v) ? 'str' : typeof v}`);
}

function pad(s: string, flags: string, width: number | undefined, numeric: boolean): string {
  if (width === undefined || s.length >= width) return s;
  if (flags.includes('-')) return s.padEnd(width);
  if (flags.includes('0') && numeric) {
    const sign = /^[-+ ]/.test(s) ? s[0]! : '';
    return sign + s.slice(sign.length).padStart(width - sign.length, '0');
  }
  return s.padStart(width);
}

function convert(v: unknown, conv: string, flags: string, precision: number | undefined): string {
  const sign = (n: number, s: string) => (n >= 0 && flags.includes('+') ? '+' : n >= 0 && flags.includes(' ') ? ' ' : '') + s;
  switch (conv) {
    case 's':
      return precision === undefined ? pyStr(v) : pyStr(v).slice(0, precision);
    case 'r':
    case 'a':
      return pyRepr(v);
    case 'd':
    case 'i':
    case 'u': {
      const n = Math.trunc(toNum(v, conv));
      return sign(n, String(n));
    }
    case 'f':
    case 'F': {
      const n = toNum(v, conv);
      return sign(n, n.toFixed(precision ?? 6));
    }
    case 'e':
    case 'E': {
      const n = toNum(v, conv);
      const s = n.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      return sign(n, conv === 'E' ? s.toUpperCase() : s);
    }
    case 'x':
    case 'X':
    case 'o': {
      const n = Math.trunc(toNum(v, conv));
      const s = Math.abs(n).toString(conv === 'o' ? 8 : 16);
      const alt = flags.includes('#') ? (conv === 'o' ? '0o' : conv === 'x' ? '0x' : '0X') : '';
      return (n < 0 ? '-' : '') + alt + (conv === 'X' ? s.toUpperCase() : s);
    }
    case 'c':
      return typeof v === 'number' ? String.fromCodePoint(v) : pyStr(v);
    default: {
      const n = toNum(v, conv);
      return sign(n, String(Number(n.toPrecision(precision || 6))));
    }
  }
}

/** `format % values`: a tuple/list gives the positional values, a mapping the `%(name)s` ones. */
export function formatPercent(format: string, values: unknown): string {
  const list = Array.isArray(values) ? values : [values];
  let next = 0;
  const out = format.replace(SPEC, (_m, key: string | undefined, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    let w = width === '*' ? Number(list[next++]) : width !== undefined ? Number(width) : undefined;
    let v: unknown;
    if (key !== undefined) {
      if (!isMapping(values)) throw new ExprError('format requires a mapping');
      v = values[key];
    } else {
      if (next >= list.length) throw new ExprError('not enough arguments for format string');
      v = list[next++];
    }
    if (isSecret(v)) v = v.reveal();
    if (w !== undefined && w < 0) w = undefined;
    return pad(convert(v, conv, flags, prec === undefined ? undefined : Number(prec)), flags, w, 'diouxXeEfFgG'.includes(conv));
  });
  if (Array.isArray(values) && next < list.length) throw new ExprError('not all arguments converted during string formatting');
  return out;
}
