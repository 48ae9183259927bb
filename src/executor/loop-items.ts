// The items of a task's loop on one host: `loop:` and the with_<lookup> family, as Ansible's lookups build them.

import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Loop, LoopControl } from '../loader/model.js';
import type { SourceLoc } from '../errors.js';
import { errorAtLoc } from '../loader/yaml.js';
import { parseKv } from '../loader/kv-args.js';
import { renderValue } from '../vars/render.js';
import { fnmatchRegExp } from '../inventory/patterns.js';

type Obj = Record<string, unknown>;

/** Where `with_fileglob` looks for a relative pattern: the role's and playbook's files/ first. */
export type SearchDirs = readonly string[];

/** Ansible's listify: a rendered string term becomes a one-element list. */
function listify(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === undefined || v === null) return [];
  return [v];
}

function flatten1(list: readonly unknown[]): unknown[] {
  return list.flatMap((x) => (Array.isArray(x) ? x : [x]));
}

/** The loop's items for these variables, or an error at the task's line. */
export function loopItems(loop: Loop, vars: Obj, loc: SourceLoc, search: SearchDirs): unknown[] {
  const terms = renderValue(loop.terms, vars, loc);
  const fail = (msg: string): never => {
    throw errorAtLoc(`with_${loop.lookup}: ${msg}`, loc);
  };
  switch (loop.lookup) {
    case 'loop':
      if (!Array.isArray(terms)) throw errorAtLoc(`'loop' must be a list, got ${describe(terms)} (for a mapping use "{{ x | dict2items }}")`, loc);
      return terms;
    case 'items':
      return flatten1(listify(terms));
    case 'list':
      return listify(terms);
    case 'indexed_items':
      return flatten1(listify(terms)).map((x, i) => [i, x]);
    case 'dict':
      if (!terms || typeof terms !== 'object' || Array.isArray(terms)) return fail(`expects a mapping, got ${describe(terms)}`);
      return Object.entries(terms as Obj).map(([key, value]) => ({ key, value }));
    case 'together': {
      const lists = listify(terms).map(listify);
      const n = Math.max(0, ...lists.map((l) => l.length));
      return Array.from({ length: n }, (_, i) => lists.map((l) => (i < l.length ? l[i] : null)));
    }
    case 'nested':
      return listify(terms).map(listify).reduce<unknown[][]>((acc, l) => acc.flatMap((prefix) => l.map((x) => [...prefix, x])), [[]]);
    case 'sequence':
      return listify(terms).flatMap((t) => sequence(String(t), fail));
    case 'fileglob':
      return listify(terms).flatMap((t) => fileglob(String(t), search));
    case 'subelements':
      return subelements(listify(terms), fail);
    default:
      return fail(`unknown lookup (esbplay knows loop and with_ items, list, dict, indexed_items, together, sequence, fileglob, subelements, nested)`);
  }
}

function describe(v: unknown): string {
  return Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;
}

const SHORTCUT = /^((?:0[xo])?[0-9a-f]+-)?((?:0[xo])?[0-9a-f]+)(\/((?:0[xo])?[0-9a-f]+))?(:(.+))?$/i;

function int(s: string, what: string, fail: (m: string) => never): number {
  const t = s.trim().toLowerCase();
  const n = /^-?0x[0-9a-f]+$/.test(t) ? parseInt(t, 16) : /^-?0o[0-7]+$/.test(t) ? parseInt(t.replace('0o', ''), 8) : /^-?\d+$/.test(t) ? Number(t) : NaN;
  if (Number.isNaN(n)) fail(`can't parse ${what}=${s} as integer`);
  return n;
}

/** `start=1 end=9 stride=3 format=n%02d`, `count=3`, or the shortcut `[start-]end[/stride][:format]`. */
function sequence(term: string, fail: (m: string) => never): string[] {
  let start = 1;
  let end: number | undefined;
  let count: number | undefined;
  let stride = 1;
  let format = '%d';
  const m = SHORTCUT.exec(term);
  if (m) {
    if (m[1]) start = int(m[1].slice(0, -1), 'start', fail);
    end = int(m[2]!, 'end', fail);
    if (m[4]) stride = int(m[4], 'stride', fail);
    if (m[6]) format = m[6];
  } else {
    const { _raw_params: _r, ...kv } = parseKv(term);
    for (const [k, v] of Object.entries(kv)) {
      if (k === 'start') start = int(v, k, fail);
      else if (k === 'end') end = int(v, k, fail);
      else if (k === 'count') count = int(v, k, fail);
      else if (k === 'stride') stride = int(v, k, fail);
      else if (k === 'format') format = v;
      else fail(`unrecognized argument '${k}'`);
    }
  }
  if (count === undefined && end === undefined) fail('must specify count or end');
  if (count !== undefined && end !== undefined) fail("can't specify both count and end");
  if (count !== undefined) {
    if (count === 0) return [];
    end = start + count * stride - 1;
  }
  if (stride > 0 && end! < start) fail('to count backwards make stride negative');
  if (stride < 0 && end! > start) fail("to count forward don't make stride negative");
  if ((format.match(/%/g) ?? []).length !== 1) fail(`bad formatting string: ${format}`);
  if (stride === 0) return [];
  const out: string[] = [];
  for (let i = start; stride > 0 ? i <= end! : i >= end!; i += stride) out.push(printf(format, i));
  return out;
}

/** Python's `format % n` for the one conversion a sequence format has. */
function printf(format: string, n: number): string {
  return format.replace(/%([-0 +]*)(\d*)([dixXos])/, (_m, flags: string, width: string, conv: string) => {
    let s = conv === 'x' ? Math.abs(n).toString(16) : conv === 'X' ? Math.abs(n).toString(16).toUpperCase() : conv === 'o' ? Math.abs(n).toString(8) : String(Math.abs(n));
    if (n < 0) s = `-${s}`;
    const w = Number(width || 0);
    if (flags.includes('-')) return s.padEnd(w);
    return flags.includes('0') ? (n < 0 ? `-${s.slice(1).padStart(w - 1, '0')}` : s.padStart(w, '0')) : s.padStart(w);
  });
}

/** Files (not directories) matching a glob: a relative pattern is looked for in the search dirs' files/, then in them. */
function fileglob(term: string, search: SearchDirs): string[] {
  const dirs = path.isAbsolute(term) ? [path.dirname(term)] : search.flatMap((d) => [path.join(d, 'files', path.dirname(term)), path.join(d, path.dirname(term))]);
  const re = fnmatchRegExp(path.basename(term));
  for (const d of dirs) {
    if (!existsSync(d)) continue;
    const found = readdirSync(d).filter((n) => re.test(n) && !(n.startsWith('.') && !path.basename(term).startsWith('.'))).sort().map((n) => path.join(d, n)).filter((f) => statSync(f).isFile());
    if (found.length > 0) return found;
  }
  return [];
}

/** `[list_of_dicts, "key.sub", {skip_missing: true}]` -> `[dict, element]` for each element of dict[key]. */
function subelements(terms: unknown[], fail: (m: string) => never): unknown[] {
  if (terms.length < 2 || terms.length > 3 || typeof terms[1] !== 'string') fail('expects [a list or mapping, "subkey"(, {skip_missing: true})]');
  const first = terms[0];
  const flags = (terms[2] ?? {}) as Obj;
  const skipMissing = flags.skip_missing === true || flags.skip_missing === 'yes' || flags.skip_missing === 'true';
  if (first && typeof first === 'object' && !Array.isArray(first) && (first as Obj).skipped) return [];
  const list = Array.isArray(first) ? first : first && typeof first === 'object' ? Object.values(first as Obj) : fail('the first term must be a list or a mapping');
  const keys = (terms[1] as string).split('.');
  const out: unknown[] = [];
  for (const el of list as unknown[]) {
    if (!el || typeof el !== 'object' || Array.isArray(el)) fail(`expects a mapping, got ${describe(el)}`);
    if ((el as Obj).skipped) continue;
    let v: unknown = el;
    let missing = false;
    for (const k of keys) {
      if (!v || typeof v !== 'object' || !(k in (v as Obj))) {
        if (skipMissing) { missing = true; break; }
        fail(`could not find '${k}' key in iterated item ${JSON.stringify(el)}`);
      }
      v = (v as Obj)[k];
    }
    if (missing) continue;
    if (!Array.isArray(v)) fail(`the key ${terms[1] as string} should point to a list, got ${describe(v)}`);
    for (const sub of v as unknown[]) out.push([el, sub]);
  }
  return out;
}

/** The variables one loop item adds: the loop var, `ansible_loop_var`, index_var, and `ansible_loop` when extended. */
export function itemVars(lc: LoopControl, items: readonly unknown[], i: number): Obj {
  const out: Obj = { [lc.loopVar]: items[i], ansible_loop_var: lc.loopVar };
  if (lc.indexVar) Object.assign(out, { [lc.indexVar]: i, ansible_index_var: lc.indexVar });
  if (lc.extended) {
    const n = items.length;
    out.ansible_loop = {
      allitems: items, index: i + 1, index0: i, revindex: n - i, revindex0: n - i - 1, first: i === 0, last: i === n - 1, length: n,
      ...(i > 0 ? { previtem: items[i - 1] } : {}), ...(i < n - 1 ? { nextitem: items[i + 1] } : {}),
    };
  }
  return out;
}
