// Schema test helpers: the committed schema files compiled with Ajv, and YAML read as esbplay reads it (YAML 1.1, !vault, !secret).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseDocument } from 'yaml';

export const ROOT = path.resolve(import.meta.dirname, '../..');

const tags = [
  { tag: '!vault', resolve: (s: string) => s },
  { tag: '!secret', resolve: (s: string) => s },
];

/** A YAML file's data the way the loader sees it (booleans of YAML 1.1; tagged scalars as strings). */
export function loadYaml(file: string): unknown {
  return parseYamlText(readFileSync(file, 'utf8'));
}

export function parseYamlText(text: string): unknown {
  return parseDocument(text, { version: '1.1', customTags: tags as never, merge: true }).toJS();
}

const compiled = new Map<string, ValidateFunction>();

/** One of schema/*.json compiled, once per process (doNotSuggest is an editor hint, not a validation keyword). */
export function compileSchema(name: string): ValidateFunction {
  const hit = compiled.get(name);
  if (hit) return hit;
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addKeyword('doNotSuggest');
  const v = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schema', name), 'utf8')) as object);
  compiled.set(name, v);
  return v;
}

/** Files under dir (recursive) whose path relative to dir matches the test. */
export function findFiles(dir: string, test: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (test(path.relative(dir, full))) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Ajv's errors as one readable line each. */
export function errorsOf(v: ValidateFunction): string {
  return (v.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n');
}
