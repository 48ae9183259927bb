// Text filters: case, trim, replace, regex, split, paths, base64, hashes, JSON/YAML; a Secret input gives a Secret output.

import { createHash } from 'node:crypto';
import path from 'node:path';
import YAML from 'yaml';
import type { Call, FilterFn } from './callables.js';
import { argAt, boolArg, inputText, textArg } from './callables.js';
import { ExprError } from './errors.js';
import { compileRegex, translateReplacement } from './regex.js';
import { pyJsonDumps, type JsonOptions } from './py-json.js';
import { pyStr } from './py-string.js';
import { pyYamlDump, type YamlOptions } from './py-yaml.js';
import { asTuple, containsSecret, isText, keepSecret, textOf } from './values.js';

/** A filter from text to text that keeps secrecy. */
function textFilter(name: string, fn: (s: string, call: Call) => string): FilterFn {
  return (v, call) => keepSecret(fn(inputText(v, `filter '${name}'`), call), v);
}

function regexOpts(call: Call, from: number) {
  return { ignorecase: boolArg(call, from, 'ignorecase'), multiline: boolArg(call, from + 1, 'multiline') };
}

function regexSearch(v: unknown, call: Call): unknown {
  const text = inputText(v, "filter 'regex_search'");
  const re = compileRegex(textArg(call, 0, 'regex', "filter 'regex_search'"), { ignorecase: call.named.ignorecase === true, multiline: call.named.multiline === true });
  const m = re.exec(text);
  const groups = call.args.slice(1).map((g) => (isText(g) ? textOf(g) : String(g)));
  if (!m) return null;
  if (groups.length === 0) return keepSecret(m[0], v);
  return groups.map((g) => {
    const ref = /^\\(?:g<(\w+)>|(\d+))$/.exec(g);
    if (!ref) throw new ExprError(`regex_search: group reference must look like '\\\\1' or '\\\\g<name>', got '${g}'`);
    const got = ref[2] !== undefined ? m[Number(ref[2])] : /^\d+$/.test(ref[1]!) ? m[Number(ref[1])] : m.groups?.[ref[1]!];
    return got === undefined ? null : keepSecret(got, v);
  });
}

function toHash(algorithm: string) {
  return textFilter(algorithm, (s) => createHash(algorithm).update(s).digest('hex'));
}

const HASHES = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']);

/** Serialises with secrets revealed, returning a Secret when the value held any. */
function serialise(v: unknown, text: string): unknown {
  return containsSecret(v) ? keepSecret(text, v) : text;
}

function parseText(name: string, parse: (s: string) => unknown): FilterFn {
  return (v) => {
    const s = inputText(v, `filter '${name}'`);
    try {
      return parse(s);
    } catch (e) {
      throw new ExprError(`filter '${name}': cannot parse: ${(e as Error).message.split('\n')[0]}`);
    }
  };
}

/** json.dumps keyword arguments (to_nice_json's indent is its first positional argument). */
function jsonOptions(call: Call, indent: number | undefined, sortKeys: boolean): JsonOptions {
  const sep = call.named.separators;
  return {
    indent: (argAt(call, 0, 'indent', indent) as number | undefined) ?? null,
    sortKeys: boolArg(call, 1, 'sort_keys', sortKeys),
    ensureAscii: call.named.ensure_ascii !== false,
    ...(Array.isArray(sep) && sep.length === 2 ? { separators: [String(sep[0]), String(sep[1])] as const } : {}),
  };
}

/** yaml.dump keyword arguments (to_nice_yaml's indent is its first positional argument). */
function yamlOptions(call: Call, indent: number | undefined, flow: boolean | null): YamlOptions {
  const style = call.named.default_flow_style;
  return {
    indent: Number(argAt(call, 0, 'indent', indent ?? 2)),
    defaultFlowStyle: flow === null && (style === true || style === false) ? style : flow,
    sortKeys: call.named.sort_keys !== false,
    ...(typeof call.named.width === 'number' ? { width: call.named.width } : {}),
  };
}

export const TEXT_FILTERS: Readonly<Record<string, FilterFn>> = {
  lower: textFilter('lower', (s) => s.toLowerCase()),
  upper: textFilter('upper', (s) => s.toUpperCase()),
  capitalize: textFilter('capitalize', (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase()),
  title: textFilter('title', (s) => s.toLowerCase().replace(/(^|[^A-Za-z0-9])([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase())),
  trim: textFilter('trim', (s) => s.trim()),
  replace: textFilter('replace', (s, call) => {
    const from = textArg(call, 0, 'old', "filter 'replace'");
    const to = textArg(call, 1, 'new', "filter 'replace'");
    const count = argAt(call, 2, 'count');
    if (typeof count !== 'number') return s.split(from).join(to);
    let out = s;
    let at = 0;
    for (let n = 0; n < count; n++) {
      const i = out.indexOf(from, at);
      if (i < 0) break;
      out = out.slice(0, i) + to + out.slice(i + from.length);
      at = i + to.length;
    }
    return out;
  }),
  regex_replace: textFilter('regex_replace', (s, call) => {
    const re = compileRegex(textArg(call, 0, 'regex', "filter 'regex_replace'"), regexOpts(call, 2), 'g');
    return s.replace(re, translateReplacement(textArg(call, 1, 'replace', "filter 'regex_replace'", '')));
  }),
  regex_search: regexSearch,
  regex_findall: (v, call) => {
    const re = compileRegex(textArg(call, 0, 'regex', "filter 'regex_findall'"), regexOpts(call, 1), 'g');
    return [...inputText(v, "filter 'regex_findall'").matchAll(re)].map((m) =>
      m.length > 2 ? asTuple(m.slice(1).map((g) => keepSecret(g ?? '', v))) : keepSecret(m.length === 2 ? (m[1] ?? '') : m[0], v),
    );
  },
  regex_escape: textFilter('regex_escape', (s) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')),
  split: (v, call) => {
    const s = inputText(v, "filter 'split'");
    const sep = argAt(call, 0, 'sep');
    const parts = sep === undefined || sep === null ? s.split(/\s+/).filter(Boolean) : s.split(textArg(call, 0, 'sep', "filter 'split'"));
    return parts.map((p) => keepSecret(p, v));
  },
  basename: textFilter('basename', (s) => path.posix.basename(s)),
  dirname: textFilter('dirname', (s) => path.posix.dirname(s)),
  b64encode: textFilter('b64encode', (s) => Buffer.from(s, 'utf8').toString('base64')),
  b64decode: textFilter('b64decode', (s) => Buffer.from(s, 'base64').toString('utf8')),
  hash: (v, call) => {
    const algorithm = textArg(call, 0, 'algorithm', "filter 'hash'", 'sha1');
    if (!HASHES.has(algorithm)) throw new ExprError(`filter 'hash': unsupported algorithm '${algorithm}'; use one of ${[...HASHES].join(', ')}`);
    return toHash(algorithm)(v, call);
  },
  checksum: toHash('sha1'),
  md5: toHash('md5'),
  sha1: toHash('sha1'),
  string: (v) => keepSecret(pyStr(v), v),
  to_json: (v, call) => serialise(v, pyJsonDumps(v, jsonOptions(call, undefined, false))),
  to_nice_json: (v, call) => serialise(v, pyJsonDumps(v, { ...jsonOptions(call, 4, true), separators: [',', ': '] })),
  from_json: parseText('from_json', (s) => JSON.parse(s)),
  to_yaml: (v, call) => serialise(v, pyYamlDump(v, yamlOptions(call, undefined, null))),
  to_nice_yaml: (v, call) => serialise(v, pyYamlDump(v, yamlOptions(call, 4, false))),
  from_yaml: parseText('from_yaml', (s) => YAML.parse(s)),
};
