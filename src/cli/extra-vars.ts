// Parses -e/--extra-vars values: key=value pairs, a JSON/YAML mapping, or @file; an error says which -e and which column, never a value.

import path from 'node:path';
import { UserError } from '../errors.js';
import { loadYamlFile, parseYaml } from '../loader/yaml.js';
import { parseKeyValueArgs, ArgError } from '../modules/args.js';
import { isObj } from '../loader/fields.js';
import { maskError } from '../report/mask-error.js';

type Obj = Record<string, unknown>;

const EXPECTED = 'expected key=value pairs (key="a b" for a value with spaces or quotes), a JSON/YAML mapping or @file';

export function parseExtraVars(values: readonly string[], cwd: string): Obj {
  const out: Obj = {};
  values.forEach((raw, i) => Object.assign(out, parseOne(raw, `-e #${i + 1}`, cwd)));
  return out;
}

/** `which`: `-e #N`, the argument's place among the -e options (its text may hold secrets: never shown). */
function parseOne(raw: string, which: string, cwd: string): Obj {
  const lead = raw.length - raw.trimStart().length;
  const v = raw.trim();
  if (v.startsWith('@')) {
    let data: unknown;
    try {
      data = loadYamlFile(path.resolve(cwd, v.slice(1)));
    } catch (e) {
      // file:line:col as for any vars file, the quoted line without secret-named or !secret values
      throw maskError(e);
    }
    if (!isObj(data)) throw new UserError(`${which} (${v}): the file must hold a mapping of variables`);
    return data;
  }
  if (v.startsWith('{')) {
    let data: unknown;
    try {
      data = parseYaml(v, which);
    } catch (e) {
      if (!(e instanceof UserError) || !e.loc) throw e;
      const where = e.loc.line > 1 ? `line ${e.loc.line} column ${e.loc.col}` : `column ${lead + e.loc.col}`;
      throw new UserError(`${which} ${where}: ${e.message} (the argument is not shown: it may hold secrets)`);
    }
    if (!isObj(data)) throw new UserError(`${which}: not a mapping; ${EXPECTED}`);
    return data;
  }
  try {
    return parseKeyValueArgs(v);
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    const p = locateProblem(v);
    throw new UserError(p ? `${which} column ${lead + p.at + 1}: ${p.what}; ${EXPECTED}` : `${which}: ${EXPECTED}`);
  }
}

/**
 * Where a key=value string goes wrong, told without any value: a quote never closed (and whose
 * value it is in), or the first word that is not key=value. Words split as parseKeyValueArgs
 * splits them: at white space outside quotes and `{{ }}`.
 */
function locateProblem(v: string): { at: number; what: string } | undefined {
  let key: string | undefined; // the last key=value word's key
  let i = 0;
  while (i < v.length) {
    while (i < v.length && /\s/.test(v[i]!)) i++;
    if (i >= v.length) break;
    const start = i;
    let braces = 0;
    while (i < v.length && (braces > 0 || !/\s/.test(v[i]!))) {
      if (v.startsWith('{{', i)) braces++;
      else if (braces > 0 && v.startsWith('}}', i)) braces--;
      const q = v[i]!;
      if (braces === 0 && (q === '"' || q === "'")) {
        const close = v.indexOf(q, i + 1);
        const k = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(v.slice(start, i))?.[1];
        if (close < 0) return { at: i, what: `this ${q} quote is never closed${k ? ` (in the value of ${k}, not shown)` : ''}` };
        i = close;
      }
      i++;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(v.slice(start, i));
    if (!m) return { at: start, what: `a word that is not key=value${key ? ` after the value of ${key} (not shown)` : ''}` };
    key = m[1];
  }
  return undefined;
}
