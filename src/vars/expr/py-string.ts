// Python text rules: string-literal escapes as Jinja decodes them, and str()/repr() of values as Python prints them.

import { isSecret } from '../secret.js';
import { ExprSyntaxError } from './errors.js';
import { PyFloat, PyObject, isTuple } from './values.js';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '',
};

/**
 * Decodes a Python string literal's body as Jinja does (`unicode-escape`): known escapes,
 * octal `\ooo`, `\xhh`, `\uhhhh`, `\Uhhhhhhhh`; unknown escapes (`\d`) keep their backslash.
 */
export function decodePythonString(raw: string, pos = 0): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = raw[i + 1] ?? '';
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
    } else if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(raw.slice(i + 1))![0];
      out += String.fromCodePoint(parseInt(oct, 8));
      i += oct.length;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const len = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = raw.slice(i + 2, i + 2 + len);
      if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) throw new ExprSyntaxError(`truncated \\${next} escape in a string`, pos);
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw new ExprSyntaxError(`illegal Unicode character \\${next}${hex} in a string`, pos);
      out += String.fromCodePoint(code);
      i += 1 + len;
    } else if (next === 'N') {
      throw new ExprSyntaxError('\\N{...} escapes are not supported in strings; write the character itself', pos);
    } else {
      out += '\\';
    }
  }
  return out;
}

/** Python's repr() of a string: single quotes unless the text holds a ' and no ". */
export function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else if (code >= 0x80 && code < 0xa0) out += '\\x' + code.toString(16).padStart(2, '0');
    else if (code === 0xad) out += '\\xad';
    else if ((code >= 0xd800 && code <= 0xdfff) || code === 0x2028 || code === 0x2029) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + quote;
}

/** Python's repr() of a float (`2.5`, `1e+16`, `1e-05`, `inf`); integral numbers print as ints. */
export function reprNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return Object.is(n, -0) ? '0' : String(n);
  // shortest round-trip digits, then Python's layout: scientific when exp < -4 or exp >= 16
  const [mant, expText] = n.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let body: string;
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    body = `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  } else if (exp < 0) body = `0.${'0'.repeat(-exp - 1)}${digits}`;
  else if (digits.length > exp + 1) body = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  else body = `${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return (neg ? '-' : '') + body;
}

/** Python's repr() of a float: like reprNumber, but an integral value keeps its `.0`. */
export function reprFloat(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e16 ? `${Object.is(n, -0) ? '-0' : n}.0` : reprNumber(n);
}

/** Python's repr() of a value as it appears inside a list or dict (`'a'`, `True`, `None`, `[1, 'x']`). */
export function pyRepr(v: unknown, seen: Set<unknown> = new Set()): string {
  if (typeof v === 'string') return reprString(v);
  if (isSecret(v)) return reprString(v.reveal());
  return pyFormat(v, seen, pyRepr);
}

/** Python's str() of a value: strings as they are, `True`, `None`, containers as their repr. */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isSecret(v)) return v.reveal();
  return pyFormat(v, new Set(), pyRepr);
}

function pyFormat(v: unknown, seen: Set<unknown>, item: (x: unknown, seen: Set<unknown>) => string): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return reprNumber(v);
  if (typeof v === 'bigint') return String(v);
  if (typeof v !== 'object') return String(v);
  if (seen.has(v)) return Array.isArray(v) ? '[...]' : '{...}';
  seen.add(v);
  try {
    if (isTuple(v)) {
      const items = (v as unknown[]).map((x) => item(x, seen));
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    }
    if (Array.isArray(v)) return `[${v.map((x) => item(x, seen)).join(', ')}]`;
    if (Buffer.isBuffer(v)) return reprString(v.toString('latin1'));
    if (v instanceof PyFloat) return reprFloat(v.value);
    if (v instanceof PyObject) return v.pyStr();
    return `{${Object.entries(v).map(([k, x]) => `${reprString(k)}: ${item(x, seen)}`).join(', ')}}`;
  } finally {
    seen.delete(v);
  }
}
