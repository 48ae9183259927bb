// Ansible host patterns (`web:&prod:!wrk01`, `web*`, `~re`, `grp[0:1]`) and the `--limit` restriction.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError, type SourceLoc } from '../errors.js';
import { didYouMean } from '../util/closest.js';
import { LOCALHOST_NAMES, type Inventory } from './types.js';

export interface SelectOptions {
  /** `--limit`: same syntax, applied as an intersection; `@file` reads names from a file */
  readonly limit?: string;
  /** base for `@file` in the limit (default: process.cwd()) */
  readonly cwd?: string;
  /** receives "could not match" warnings; without it they are dropped */
  readonly warnings?: string[];
  /** where the pattern came from (e.g. a play's `hosts:`), for errors */
  readonly loc?: SourceLoc;
}

const SUBSCRIPT = /^(.+)\[(?:(-?\d+)|(\d+)([:-])(\d+)?)\s*\]$/;

/** Splits on ',' and on ':' outside brackets; `a:&b:!c` -> ['a', '&b', '!c']. */
export function splitPattern(pattern: string): string[] {
  return pattern
    .split(',')
    .flatMap((part) => part.match(/(?:[^\s:[\]]|\[[^\]]*\])+/g) ?? [])
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** Hosts a pattern selects, in Ansible's order: unions first, then `&` intersections, then `!` exclusions. */
export function selectHosts(inventory: Inventory, pattern: string, opts: SelectOptions = {}): string[] {
  const hosts = evaluateTerms(inventory, splitPattern(pattern), opts);
  if (opts.limit === undefined) return hosts;
  const allowed = new Set(limitHosts(inventory, opts.limit, opts));
  return hosts.filter((h) => allowed.has(h));
}

/** Hosts a `--limit` value allows; `@path` terms read one host (or pattern) per line. */
export function limitHosts(inventory: Inventory, limit: string, opts: SelectOptions = {}): string[] {
  const terms = splitPattern(limit).flatMap((t) => (t.startsWith('@') ? readLimitFile(t.slice(1), opts) : [t]));
  return evaluateTerms(inventory, terms, opts);
}

function readLimitFile(path: string, opts: SelectOptions): string[] {
  const file = resolve(opts.cwd ?? process.cwd(), path);
  try {
    return readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
  } catch (e) {
    throw new UserError(`cannot read the --limit file ${file}: ${(e as { code?: string }).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, opts.loc);
  }
}

function evaluateTerms(inventory: Inventory, terms: string[], opts: SelectOptions): string[] {
  const plain = terms.filter((t) => !t.startsWith('&') && !t.startsWith('!'));
  const and = terms.filter((t) => t.startsWith('&')).map((t) => t.slice(1));
  const not = terms.filter((t) => t.startsWith('!')).map((t) => t.slice(1));
  const groups = inventory.groups();
  let hosts: string[] = [];
  for (const t of plain.length > 0 ? plain : ['all']) {
    const seen = new Set(hosts);
    hosts.push(...matchTerm(inventory, groups, t, opts).filter((h) => !seen.has(h)));
  }
  for (const t of and) {
    const keep = new Set(matchTerm(inventory, groups, t, opts));
    hosts = hosts.filter((h) => keep.has(h));
  }
  for (const t of not) {
    const drop = new Set(matchTerm(inventory, groups, t, opts));
    hosts = hosts.filter((h) => !drop.has(h));
  }
  return hosts;
}

/** One term: a host, a group, a glob, a `~regex`, each optionally with `[i]` or `[i:j]` (inclusive). */
function matchTerm(inventory: Inventory, groups: Record<string, string[]>, term: string, opts: SelectOptions): string[] {
  if (term === '') return [];
  if (inventory.hasHost(term)) return [term];
  if (term === 'all' || term === '*') return [...(groups.all ?? inventory.hosts)];
  const sub = term.startsWith('~') ? null : SUBSCRIPT.exec(term);
  const base = sub ? sub[1]! : term;
  const test = compileTerm(base, opts);
  const found = new Set<string>();
  const matchedGroups = Object.keys(groups).filter(test);
  for (const g of matchedGroups) for (const h of groups[g]!) found.add(h);
  if (matchedGroups.length === 0 || /^~|[.?*[]/.test(base)) for (const h of inventory.hosts) if (test(h)) found.add(h);
  if (found.size === 0 && LOCALHOST_NAMES.includes(base)) found.add(base);
  if (found.size === 0) {
    // as Ansible: an existing group that has no hosts (yet) is no mistake
    if (matchedGroups.length === 0) opts.warnings?.push(`could not match supplied host pattern, ignoring: ${base}${didYouMean(base, [...Object.keys(groups), ...inventory.hosts])}`);
    return [];
  }
  return sub ? applySubscript([...found], sub, term, opts) : [...found];
}

function applySubscript(hosts: string[], sub: RegExpExecArray, term: string, opts: SelectOptions): string[] {
  const [, , index, start, sep, end] = sub;
  if (sep === '-') throw new UserError(`host pattern '${term}': use [x:y] (inclusive) instead of [x-y]`, opts.loc);
  if (index !== undefined) {
    const i = Number(index) < 0 ? hosts.length + Number(index) : Number(index);
    if (i < 0 || i >= hosts.length) {
      opts.warnings?.push(`host pattern '${term}': index ${index} is out of range (${hosts.length} hosts), ignoring it`);
      return [];
    }
    return [hosts[i]!];
  }
  const last = end === undefined ? hosts.length - 1 : Number(end);
  return hosts.slice(Number(start), last + 1);
}

/** fnmatch-style glob (`*`, `?`, `[seq]`, `[!seq]`) matched whole, or `~regex` matched from the start. */
function compileTerm(term: string, opts: SelectOptions): (name: string) => boolean {
  if (term.startsWith('~')) {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${term.slice(1)})`);
    } catch (e) {
      throw new UserError(`invalid host pattern regex '${term}': ${(e as Error).message}`, opts.loc);
    }
    return (name) => re.test(name);
  }
  if (!/[*?[]/.test(term)) return (name) => name === term;
  const re = fnmatchRegExp(term);
  return (name) => re.test(name);
}

/** Python's fnmatch: `*`, `?`, `[seq]`, `[!seq]`, matched against the whole name. */
export function fnmatchRegExp(glob: string): RegExp {
  let src = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    const close = c === '[' ? glob.indexOf(']', i + 2) : -1;
    if (c === '*') src += '.*';
    else if (c === '?') src += '.';
    else if (close > 0) {
      const body = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
      src += body.startsWith('!') ? `[^${body.slice(1)}]` : `[${body}]`;
      i = close;
    } else src += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, 's');
}
