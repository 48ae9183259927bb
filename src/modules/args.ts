// Validates and coerces raw task arguments against a module's schema (Ansible argument_spec style).

import type { ArgSpec, ArgType, ModuleDefinition } from './types.js';
import { didYouMean } from '../util/closest.js';
import { isSecret, Secret } from '../vars/secret.js';
import { pyStr } from '../vars/expr/py-string.js';
import { isSymbolicMode } from './symbolic-mode.js';

/** A problem with one argument; the caller adds file:line. */
export class ArgError extends Error {
  constructor(
    message: string,
    readonly arg?: string,
  ) {
    super(message);
  }
}

const TRUE = new Set(['yes', 'on', 'true', '1', 'y']);
const FALSE = new Set(['no', 'off', 'false', '0', 'n']);

/** Parses `k=v k2="v 2" free text` into args; words that are not k=v go to the free-form arg. */
export function parseKeyValueArgs(text: string, freeForm?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const free: string[] = [];
  for (const tok of splitWords(text)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(tok.raw);
    if (m && (!freeForm || free.length === 0 || !tok.quoted)) out[m[1]!] = unquote(m[2]!);
    else free.push(tok.raw);
  }
  if (free.length > 0) {
    if (!freeForm) throw new ArgError(`unexpected free-form text '${free.join(' ')}' (this module takes key=value arguments)`);
    out[freeForm] = free.join(' ');
  }
  return out;
}

function splitWords(text: string): { raw: string; quoted: boolean }[] {
  const words: { raw: string; quoted: boolean }[] = [];
  let cur = '';
  let quote: string | null = null;
  let quoted = false;
  let braces = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (!quote && text.startsWith('{{', i)) braces++;
    if (!quote && braces > 0 && text.startsWith('}}', i)) braces--;
    if (braces > 0 && !quote) {
      cur += ch;
    } else if (quote) {
      cur += ch;
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      quoted = quoted || cur === '';
      cur += ch;
    } else if (/\s/.test(ch)) {
      if (cur) words.push({ raw: cur, quoted });
      cur = '';
      quoted = false;
    } else cur += ch;
  }
  if (quote) throw new ArgError(`unbalanced quote in arguments: ${text}`);
  if (cur) words.push({ raw: cur, quoted });
  return words;
}

function unquote(v: string): string {
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return isSecret(v) ? 'secret string' : 'mapping';
  return typeof v === 'number' ? 'number' : typeof v;
}

export function coerce(name: string, type: ArgType, v: unknown, elements?: ArgType): unknown {
  const bad = (): never => {
    throw new ArgError(`argument '${name}' must be ${article(type)}, got ${typeName(v)}${typeof v === 'object' ? '' : ` '${String(v)}'`}`, name);
  };
  switch (type) {
    case 'raw':
      return v;
    case 'str':
    case 'path':
      if (typeof v === 'string' || isSecret(v)) return v;
      // Ansible's check_type_str converts anything to its Python text: True, 80, [1, 2], {'k': 'v'}
      return pyStr(v);
    case 'int':
      if (typeof v === 'number' && Number.isInteger(v)) return v;
      if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
      return bad();
    case 'bool':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'number' && (v === 0 || v === 1)) return v === 1;
      if (typeof v === 'string' && TRUE.has(v.toLowerCase())) return true;
      if (typeof v === 'string' && FALSE.has(v.toLowerCase())) return false;
      return bad();
    case 'mode':
      // YAML 1.1 reads 0644 as octal 420 already; strings are read as octal
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0o7777) return v;
      if (typeof v === 'string' && /^0?[0-7]{3,4}$/.test(v)) return parseInt(v, 8);
      // symbolic (u=rw,g=r,o=): resolved against each file's current mode by the module
      if (typeof v === 'string' && isSymbolicMode(v)) return v;
      return bad();
    case 'list': {
      let list: unknown[];
      if (Array.isArray(v)) list = v;
      else if (typeof v === 'string') list = v.split(',').map((s) => s.trim()).filter(Boolean);
      else return bad();
      return elements ? list.map((x, i) => coerce(`${name}[${i}]`, elements, x)) : list;
    }
    case 'dict':
      if (v && typeof v === 'object' && !Array.isArray(v) && !isSecret(v)) return v;
      return bad();
  }
}

function article(t: ArgType): string {
  return { str: 'a string', path: 'a path', int: 'an integer', bool: 'a boolean', mode: "an octal mode like 0644 or a symbolic one like 'u=rw,g=r,o='", list: 'a list', dict: 'a mapping', raw: 'a value' }[t];
}

/** Maps aliases to canonical names and rejects unknown keys, suggesting the closest one. */
export function checkArgNames(def: ModuleDefinition, raw: Record<string, unknown>): Record<string, unknown> {
  const spec = def.schema.args;
  const alias = new Map<string, string>();
  for (const [name, s] of Object.entries(spec)) for (const a of s.aliases ?? []) alias.set(a, name);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const name = spec[k] ? k : alias.get(k);
    if (!name && def.schema.anyArgs) {
      out[k] = v;
      continue;
    }
    if (!name) {
      const valid = [...Object.keys(spec), ...alias.keys()];
      throw new ArgError(`unknown argument '${k}' for module '${def.name}'${didYouMean(k, valid)}; valid: ${Object.keys(spec).sort().join(', ')}`, k);
    }
    if (name in out) throw new ArgError(`argument '${name}' given twice (as '${k}')`, k);
    out[name] = v;
  }
  return out;
}

const TEXT_TYPES: readonly ArgType[] = ['str', 'path'];

/**
 * A Secret given to a text argument (`line: "{{ vault_pw }}"`) reaches the module as its text:
 * modules do string work on their arguments, and String(secret) would be the mask. Output stays
 * masked: the run's masker knows the text. Arguments that are secret themselves, or marked
 * keepSecret (the module reveals them and treats the value as sensitive), keep the Secret.
 */
function revealText(v: unknown, s: ArgSpec): unknown {
  if (isSecret(v) && TEXT_TYPES.includes(s.type)) return v.reveal();
  if (Array.isArray(v) && s.elements && TEXT_TYPES.includes(s.elements)) return v.map((x) => (isSecret(x) ? x.reveal() : x));
  return v;
}

/** Full validation of rendered args: names, types, choices, defaults, required and exclusive sets. */
export function validateArgs(def: ModuleDefinition, raw: Record<string, unknown>): Record<string, unknown> {
  const named = checkArgNames(def, raw);
  const out: Record<string, unknown> = {};
  const schema = def.schema;
  for (const [name, s] of Object.entries(schema.args) as [string, ArgSpec][]) {
    let v = named[name];
    if (v === undefined || v === null) {
      if (s.required) throw new ArgError(`missing required argument '${name}' for module '${def.name}'`, name);
      if (s.default !== undefined) out[name] = s.default;
      continue;
    }
    v = coerce(name, s.type, v, s.elements);
    if (!s.secret && !s.keepSecret) v = revealText(v, s);
    // a secret argument given as plain text (not from a vault/secret variable) is masked from here on
    if (s.secret && typeof v === 'string') v = new Secret(v);
    if (s.choices && !s.choices.includes(v as never)) {
      throw new ArgError(`argument '${name}' must be one of ${s.choices.join(', ')}, got '${String(v)}'${didYouMean(String(v), s.choices.map(String))}`, name);
    }
    out[name] = v;
  }
  if (schema.anyArgs) for (const [k, v] of Object.entries(named)) if (!Object.hasOwn(schema.args, k)) out[k] = v;
  const given = (k: string) => named[k] !== undefined && named[k] !== null;
  for (const set of schema.mutuallyExclusive ?? []) {
    const present = set.filter(given);
    if (present.length > 1) throw new ArgError(`arguments are mutually exclusive: ${present.join(', ')}`, present[1]);
  }
  for (const set of schema.requiredOneOf ?? []) {
    if (!set.some(given)) throw new ArgError(`one of these arguments is required: ${set.join(', ')}`);
  }
  for (const [arg, value, req] of schema.requiredIf ?? []) {
    if (out[arg] === value) {
      const missing = req.filter((k) => !given(k));
      if (missing.length) throw new ArgError(`${arg} is ${String(value)} but these arguments are missing: ${missing.join(', ')}`, missing[0]);
    }
  }
  return out;
}
