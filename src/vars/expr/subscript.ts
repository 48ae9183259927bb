// Attribute, item and slice access with Python semantics; a missing key of a defined value is undefined, not an error.

import type { Ast } from './ast.js';
import { ExprError } from './errors.js';
import { Missing, PyObject, isMapping, isText, isTuple, isUndef, asTuple, keepSecret, requireDefined, textOf, typeName } from './values.js';

/** `a.b`: a mapping's key (or an object's attribute); undefined (not an error) when it is missing. */
export function getAttr(obj: unknown, name: string, path: string): unknown {
  if (obj instanceof PyObject) {
    const v = obj.attr(name);
    if (v !== undefined) return v;
  } else if (isMapping(obj) && Object.hasOwn(obj, name) && obj[name] !== undefined) return obj[name];
  return new Missing(`${path}.${name}`, obj instanceof Missing && obj.root);
}

/** `a[k]`: mapping key, list or string index (negative counts from the end); undefined when out of range. */
export function getItem(obj: unknown, key: unknown, path: string): unknown {
  if (isUndef(key)) requireDefined(key, 'as an index');
  const missing = () => new Missing(`${path}[${typeof key === 'string' ? `'${key}'` : String(key)}]`, obj instanceof Missing && obj.root);
  if (obj instanceof Missing) return missing();
  if (obj instanceof PyObject) return isText(key) ? (obj.attr(textOf(key)) ?? missing()) : missing();
  if (isMapping(obj)) {
    const k = isText(key) ? textOf(key) : typeof key === 'number' || typeof key === 'boolean' ? String(key) : undefined;
    if (k === undefined) throw new ExprError(`a mapping key must be a string or number, got ${typeName(key)}`);
    return Object.hasOwn(obj, k) && obj[k] !== undefined ? obj[k] : missing();
  }
  if (Array.isArray(obj) || isText(obj)) {
    const index = typeof key === 'boolean' ? Number(key) : key;
    if (typeof index !== 'number' || !Number.isInteger(index)) throw new ExprError(`a ${typeName(obj)} index must be an integer, got ${typeName(key)}`);
    const len = Array.isArray(obj) ? obj.length : textOf(obj).length;
    const i = index < 0 ? len + index : index;
    if (i < 0 || i >= len) return missing();
    return Array.isArray(obj) ? obj[i] : keepSecret(textOf(obj)[i]!, obj);
  }
  if (obj === null || obj === undefined) return missing();
  throw new ExprError(`cannot index a ${typeName(obj)}`);
}

function sliceIndex(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ExprError(`slice ${what} must be an integer or none, got ${typeName(v)}`);
  return v;
}

/** Python's `seq[start:stop:step]` on a list or string. */
export function getSlice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  const isList = Array.isArray(obj);
  if (!isList && !isText(obj)) throw new ExprError(`cannot slice a ${typeName(obj)}`);
  const items: unknown[] = isList ? (obj as unknown[]) : [...textOf(obj as string)];
  const st = sliceIndex(step, 'step') ?? 1;
  if (st === 0) throw new ExprError('slice step cannot be zero');
  const len = items.length;
  const clamp = (v: number | undefined, dflt: number, lo: number, hi: number) => {
    if (v === undefined) return dflt;
    const i = v < 0 ? v + len : v;
    return Math.min(Math.max(i, lo), hi);
  };
  const out: unknown[] = [];
  if (st > 0) {
    const a = clamp(sliceIndex(start, 'start'), 0, 0, len);
    const b = clamp(sliceIndex(stop, 'stop'), len, 0, len);
    for (let i = a; i < b; i += st) out.push(items[i]);
  } else {
    const a = clamp(sliceIndex(start, 'start'), len - 1, -1, len - 1);
    const b = clamp(sliceIndex(stop, 'stop'), -1, -1, len - 1);
    for (let i = a; i > b; i += st) out.push(items[i]);
  }
  if (!isList) return keepSecret(out.join(''), obj);
  return isTuple(obj) ? asTuple(out) : out;
}

/** The dotted path of a variable reference, for messages (`result.stdout`). */
export function pathOf(ast: Ast): string {
  if (ast.kind === 'name') return ast.name;
  if (ast.kind === 'attr') return `${pathOf(ast.object)}.${ast.name}`;
  if (ast.kind === 'index') return `${pathOf(ast.object)}[${ast.index.kind === 'literal' ? JSON.stringify(ast.index.value) : '...'}]`;
  return '(...)';
}
