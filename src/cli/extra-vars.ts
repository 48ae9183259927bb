// Parses -e/--extra-vars values: key=value pairs, a JSON/YAML mapping, or @file.

import path from 'node:path';
import { UserError } from '../errors.js';
import { loadYamlFile, parseYaml } from '../loader/yaml.js';
import { parseKeyValueArgs, ArgError } from '../modules/args.js';
import { isObj } from '../loader/fields.js';

type Obj = Record<string, unknown>;

export function parseExtraVars(values: readonly string[], cwd: string): Obj {
  const out: Obj = {};
  for (const raw of values) Object.assign(out, parseOne(raw.trim(), cwd));
  return out;
}

function parseOne(v: string, cwd: string): Obj {
  if (v.startsWith('@')) {
    const data = loadYamlFile(path.resolve(cwd, v.slice(1)));
    if (!isObj(data)) throw new UserError(`-e ${v}: the file must hold a mapping of variables`);
    return data;
  }
  if (v.startsWith('{')) {
    const data = parseYaml(v, '<extra-vars>');
    if (!isObj(data)) throw new UserError(`-e: '${v}' is not a mapping`);
    return data;
  }
  try {
    const kv = parseKeyValueArgs(v);
    return kv;
  } catch (e) {
    if (e instanceof ArgError) throw new UserError(`-e '${v}': expected key=value pairs, a JSON mapping or @file`);
    throw e;
  }
}
