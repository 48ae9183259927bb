// Typed readers for keyword values in loaded YAML, each failing with the user's file:line:col.

import { errorAt, locOf } from './yaml.js';
import { KeywordTemplate, type BoolKeyword } from './keyword-template.js';

type Obj = Record<string, unknown>;

export function optString(o: Obj, key: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw errorAt(`'${key}' must be a string`, o, key);
}

export function optBool(o: Obj, key: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^\s*\{\{/.test(v)) return undefined;
  throw errorAt(`'${key}' must be true or false, got ${JSON.stringify(v)}`, o, key);
}

/** A boolean keyword: true/false, or a template kept for run time (Ansible renders keywords per host). */
export function optBoolKeyword(o: Obj, key: string): BoolKeyword | undefined {
  const v = o[key];
  if (typeof v === 'string' && /\{\{|\{%/.test(v)) return new KeywordTemplate(key, v, locOf(o, key));
  if (typeof v === 'string' && BOOL_WORDS.has(v.trim().toLowerCase())) return BOOL_WORDS.get(v.trim().toLowerCase());
  return optBool(o, key);
}

/** A number keyword (`retries`, `delay`, `port`, `max_fail_percentage`), or a template kept for run time. */
export function optNumberKeyword(o: Obj, key: string): number | KeywordTemplate | undefined {
  const v = o[key];
  if (typeof v === 'string' && /\{\{|\{%/.test(v)) return new KeywordTemplate(key, v, locOf(o, key));
  return optNumber(o, key);
}

/** Ansible's boolean words (module_utils convert_bool, strict). */
export const BOOL_WORDS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'yes', 'on', '1', 'true', 't'].map((w) => [w, true] as const),
  ...['n', 'no', 'off', '0', 'false', 'f'].map((w) => [w, false] as const),
]);

export function optNumber(o: Obj, key: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)) return Number(v);
  throw errorAt(`'${key}' must be a number, got ${JSON.stringify(v)}`, o, key);
}

/** A positive whole number, or a template giving one at run time (`throttle`). */
export function optCount(o: Obj, key: string): number | string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) return Number(v);
  if (typeof v === 'string' && v.includes('{{')) return v;
  throw errorAt(`'${key}' must be a whole number (0 = no limit), got ${JSON.stringify(v)}`, o, key);
}

/** A string or a list of strings (tags, notify, listen). */
export function stringList(o: Obj, key: string): string[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return key === 'tags' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [v];
  if (typeof v === 'number') return [String(v)];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
  throw errorAt(`'${key}' must be a string or a list of strings`, o, key);
}

/** Conditions: a single expression or a list (ANDed). */
export function conditionList(o: Obj, key: string): unknown[] | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return [v];
  throw errorAt(`'${key}' must be a condition or a list of conditions`, o, key);
}

export function varsMap(o: Obj, key: string): Obj {
  const v = o[key];
  if (v === undefined || v === null) return {};
  if (typeof v === 'object' && !Array.isArray(v)) return v as Obj;
  throw errorAt(`'${key}' must be a mapping of variable names to values`, o, key);
}

export function taskList(o: Obj, key: string): Obj[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw errorAt(`'${key}' must be a list of tasks`, o, key);
  v.forEach((t, i) => {
    if (!t || typeof t !== 'object' || Array.isArray(t)) throw errorAt(`each entry of '${key}' must be a task (a mapping)`, v, i);
  });
  return v as Obj[];
}

export function isObj(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** A mapping or nothing (`loop_control`, `args`). */
export function optMapping(o: Obj, key: string): Obj | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (isObj(v)) return v;
  throw errorAt(`'${key}' must be a mapping`, o, key);
}
