// Python's json.dumps byte for byte (separators, indent, sort_keys, ensure_ascii), as Ansible's to_json/to_nice_json use it.

import { isSecret } from '../secret.js';
import { ExprError } from './errors.js';
import { reprFloat, reprNumber } from './py-string.js';
import { Missing, PyFloat, PyObject } from './values.js';

export interface JsonOptions {
  readonly indent?: number | string | null;
  readonly sortKeys?: boolean;
  readonly ensureAscii?: boolean;
  readonly separators?: readonly [string, string];
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function hex4(code: number): string {
  return '\\u' + code.toString(16).padStart(4, '0');
}

/** A JSON string literal with Python's escaping. */
export function jsonString(s: string, ensureAscii = true): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = s.charCodeAt(i);
    if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (code < 0x20) out += hex4(code);
    else if (ensureAscii && code > 0x7e) out += hex4(code);
    else out += ch;
  }
  return out + '"';
}

function jsonNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return reprNumber(n);
}


/** json.dumps(value, ...) of a JSON-like value (Secrets written as their text; tuples as lists). */
export function pyJsonDumps(value: unknown, opts: JsonOptions = {}): string {
  const indent = opts.indent === undefined || opts.indent === null ? undefined : typeof opts.indent === 'number' ? ' '.repeat(Math.max(0, opts.indent)) : opts.indent;
  const [itemSep, keySep] = opts.separators ?? (indent !== undefined ? [',', ': '] : [', ', ': ']);
  const ascii = opts.ensureAscii ?? true;
  const seen = new Set<unknown>();
  const dump = (v: unknown, level: number): string => {
    if (v === null || v === undefined || v instanceof Missing) return 'null';
    if (v === true) return 'true';
    if (v === false) return 'false';
    if (typeof v === 'number') return jsonNumber(v);
    if (v instanceof PyFloat) return Number.isFinite(v.value) ? reprFloat(v.value) : jsonNumber(v.value);
    if (typeof v === 'string') return jsonString(v, ascii);
    if (isSecret(v)) return jsonString(v.reveal(), ascii);
    if (typeof v !== 'object' || v instanceof PyObject || Buffer.isBuffer(v)) throw new ExprError(`Object of type ${typeof v === 'object' ? 'object' : typeof v} is not JSON serializable`);
    if (seen.has(v)) throw new ExprError('Circular reference detected');
    seen.add(v);
    const entries: [string | undefined, unknown][] = Array.isArray(v) ? v.map((x) => [undefined, x]) : Object.entries(v);
    if (!Array.isArray(v) && opts.sortKeys) entries.sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    let out: string;
    if (entries.length === 0) out = open + close;
    else {
      const parts = entries.map(([k, x]) => (k === undefined ? '' : jsonString(k, ascii) + keySep) + dump(x, level + 1));
      if (indent === undefined) out = open + parts.join(itemSep) + close;
      else {
        const inner = '\n' + indent.repeat(level + 1);
        out = open + inner + parts.join(itemSep + inner) + '\n' + indent.repeat(level) + close;
      }
    }
    seen.delete(v);
    return out;
  };
  return dump(value, 0);
}
