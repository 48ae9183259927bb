// lookup()/query()/q(): file, template, env, pipe, lines, vars, items, list, dict, indexed_items, first_found, as Ansible runs them.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { didYouMean } from '../../util/closest.js';
import type { Call } from '../expr/callables.js';
import { ExprError } from '../expr/errors.js';
import { pyStr } from '../expr/py-string.js';
import { isMapping, isText, textOf, type Mapping } from '../expr/values.js';
import { findInDirs, searchDirs } from './search-path.js';

type Vars = Readonly<Record<string, unknown>>;

/** What lookups read: the task's variables, and a way to render a template file with them. */
export interface LookupHost {
  readonly vars: Vars;
  renderTemplateFile(text: string, file: string, extra: Mapping): string;
}

type Lookup = (terms: unknown[], kw: Readonly<Record<string, unknown>>, host: LookupHost) => unknown[];

function text(term: unknown, lookup: string): string {
  if (!isText(term)) throw new ExprError(`lookup('${lookup}') needs string terms, got ${pyStr(term)}`);
  return textOf(term);
}

function findFile(host: LookupHost, subdir: 'files' | 'templates', name: string, lookup: string): string {
  const dirs = searchDirs(host.vars, subdir);
  const found = findInDirs(name, dirs);
  if (!found) throw new ExprError(`could not locate file in lookup('${lookup}'): ${name} (looked in: ${dirs.join(', ')})`);
  return found;
}

function runShell(command: string, host: LookupHost, lookup: string): string {
  const cwd = typeof host.vars.playbook_dir === 'string' ? host.vars.playbook_dir : undefined;
  const r = spawnSync('/bin/sh', ['-c', command], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new ExprError(`lookup('${lookup}') could not run the command: ${r.error.message}`);
  if (r.status !== 0) throw new ExprError(`lookup('${lookup}') command returned ${r.status ?? r.signal}: ${command}`);
  return r.stdout;
}

const flatten1 = (terms: unknown[]) => terms.flatMap((t) => (Array.isArray(t) ? t : [t]));

const LOOKUPS: Readonly<Record<string, Lookup>> = {
  file: (terms, kw, host) =>
    terms.map((t) => {
      let s = readFileSync(findFile(host, 'files', text(t, 'file'), 'file'), 'utf8');
      if (kw.lstrip === true) s = s.trimStart();
      if (kw.rstrip !== false) s = s.trimEnd();
      return s;
    }),
  template: (terms, kw, host) =>
    terms.map((t) => {
      const file = findFile(host, 'templates', text(t, 'template'), 'template');
      return host.renderTemplateFile(readFileSync(file, 'utf8'), file, isMapping(kw.template_vars) ? kw.template_vars : {});
    }),
  env: (terms, kw) => terms.map((t) => process.env[text(t, 'env')] ?? (kw.default !== undefined ? kw.default : '')),
  pipe: (terms, _kw, host) => terms.map((t) => runShell(text(t, 'pipe'), host, 'pipe').trimEnd()),
  lines: (terms, _kw, host) => terms.flatMap((t) => runShell(text(t, 'lines'), host, 'lines').split(/\r?\n/).filter((l, i, a) => i < a.length - 1 || l !== '')),
  vars: (terms, kw, host) =>
    terms.map((t) => {
      const name = text(t, 'vars');
      const v = Object.hasOwn(host.vars, name) ? host.vars[name] : undefined;
      if (v !== undefined) return v;
      if (Object.hasOwn(kw, 'default')) return kw.default;
      throw new ExprError(`No variable found with this name: ${name}`, name);
    }),
  items: (terms) => flatten1(terms),
  list: (terms) => terms,
  indexed_items: (terms) => flatten1(terms).map((x, i) => [i, x]),
  dict: (terms) =>
    terms.flatMap((t) => {
      if (!isMapping(t)) throw new ExprError(`lookup('dict') needs a mapping, got ${pyStr(t)}`);
      return Object.entries(t).map(([key, value]) => ({ key, value }));
    }),
  first_found: (terms, kw, host) => {
    const names = flatten1(terms).flatMap((t) => (isMapping(t) ? flatten1([t.files ?? []]) : [t]));
    for (const n of names) {
      const found = findInDirs(text(n, 'first_found'), searchDirs(host.vars, 'files'));
      if (found) return [found];
    }
    if (kw.skip === true) return [];
    throw new ExprError(`No file was found when using first_found: ${names.map((n) => pyStr(n)).join(', ')}`);
  },
};

/** Ansible's lookup() result: a list with wantlist, else the items joined with ',' (one non-string item as itself). */
function shapeResult(ran: unknown[], wantlist: boolean): unknown {
  if (wantlist) return ran;
  if (ran.every((x) => isText(x))) return ran.map((x) => textOf(x as string)).join(',');
  return ran.length === 1 ? ran[0] : ran;
}

function runLookup(host: LookupHost, call: Call, forceList: boolean): unknown {
  const [nameArg, ...terms] = call.args;
  if (!isText(nameArg)) throw new ExprError('lookup() needs the name of a lookup first, e.g. lookup(\'file\', \'motd\')');
  const name = textOf(nameArg).replace(/^ansible\.(?:builtin|legacy)\./, '');
  const fn = Object.hasOwn(LOOKUPS, name) ? LOOKUPS[name] : undefined;
  if (!fn) throw new ExprError(`lookup plugin '${name}' not found${didYouMean(name, Object.keys(LOOKUPS))}; available: ${Object.keys(LOOKUPS).join(', ')}`);
  const { wantlist, errors, ...kw } = call.named;
  const asList = forceList || wantlist === true;
  try {
    return shapeResult(fn(terms, kw, host), asList);
  } catch (e) {
    if (!(e instanceof ExprError) || (errors !== 'ignore' && errors !== 'warn')) throw e;
    return asList ? [] : null;
  }
}

/** The `lookup`, `query` and `q` global functions over a host's variables. */
export function makeLookupGlobals(host: LookupHost): Record<string, (call: Call) => unknown> {
  return {
    lookup: (call) => runLookup(host, call, false),
    query: (call) => runLookup(host, call, true),
    q: (call) => runLookup(host, call, true),
  };
}

/** The names of the supported lookups (docs and tests). */
export const LOOKUP_NAMES: readonly string[] = Object.keys(LOOKUPS);
