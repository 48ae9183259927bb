// PyYAML's yaml.dump byte for byte (SafeDumper as Ansible's to_yaml/to_nice_yaml call it): styles, quoting, indent, width.

import { isSecret } from '../secret.js';
import { ExprError } from './errors.js';
import { reprFloat, reprNumber } from './py-string.js';
import { Missing, PyFloat, PyObject } from './values.js';
import { YamlEmitter, type Analysis, type YNode } from './py-yaml-emit.js';

export interface YamlOptions {
  readonly indent?: number;
  readonly width?: number;
  /** null: collections of scalars only are written in flow style (`[1, 2]`), as Ansible's to_yaml */
  readonly defaultFlowStyle?: boolean | null;
  readonly sortKeys?: boolean;
}

/** YAML 1.1 implicit types (a plain scalar looking like one of these must be quoted to stay a string). */
const IMPLICIT = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:<<)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:=)$/,
  /^(?:!|&|\*)$/,
];

function representFloat(n: number, boxed = false): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  const r = (boxed ? reprFloat(n) : reprNumber(n)).toLowerCase();
  return !r.includes('.') && r.includes('e') ? r.replace('e', '.0e') : r;
}

function represent(v: unknown, opts: Required<Omit<YamlOptions, 'width' | 'indent'>>, seen: Set<unknown>): YNode {
  if (v === null || v === undefined || v instanceof Missing) return { kind: 'scalar', value: 'null', plainOk: true };
  if (typeof v === 'boolean') return { kind: 'scalar', value: v ? 'true' : 'false', plainOk: true };
  if (v instanceof PyFloat) return { kind: 'scalar', value: representFloat(v.value, true), plainOk: true };
  if (typeof v === 'number') return { kind: 'scalar', value: Number.isInteger(v) && Math.abs(v) < 1e16 ? String(v) : representFloat(v), plainOk: true };
  if (typeof v === 'string' || isSecret(v)) {
    const s = typeof v === 'string' ? v : v.reveal();
    return { kind: 'scalar', value: s, plainOk: !IMPLICIT.some((re) => re.test(s)) };
  }
  if (typeof v !== 'object' || v instanceof PyObject || Buffer.isBuffer(v)) throw new ExprError(`cannot represent a ${typeof v} as YAML`);
  if (seen.has(v)) throw new ExprError('cannot represent a value that contains itself as YAML');
  seen.add(v);
  try {
    const flow = (children: YNode[]) => (opts.defaultFlowStyle === null ? children.every((c) => c.kind === 'scalar') : opts.defaultFlowStyle);
    if (Array.isArray(v)) {
      const items = v.map((x) => represent(x, opts, seen));
      return { kind: 'seq', items, flow: flow(items) };
    }
    const entries = Object.entries(v);
    if (opts.sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const pairs = entries.map(([k, x]) => [represent(k, opts, seen), represent(x, opts, seen)] as const);
    return { kind: 'map', pairs, flow: flow(pairs.flat()) };
  } finally {
    seen.delete(v);
  }
}

const BREAKS = '\n\x85\u2028\u2029';
const SPACE_OR_BREAK = '\0 \t\r\n\x85\u2028\u2029';

/** PyYAML's analyze_scalar (allow_unicode=True). */
function analyze(s: string): Analysis {
  if (!s) return { empty: true, multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true };
  let blockInd = s.startsWith('---') || s.startsWith('...');
  let flowInd = blockInd;
  let lineBreaks = false, special = false;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false, breakSpace = false, spaceBreak = false;
  let precededByWs = true;
  let followedByWs = s.length === 1 || SPACE_OR_BREAK.includes(s[1]!);
  let prevSpace = false, prevBreak = false;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) flowInd = blockInd = true;
      if ('?:'.includes(ch)) {
        flowInd = true;
        if (followedByWs) blockInd = true;
      }
      if (ch === '-' && followedByWs) flowInd = blockInd = true;
    } else {
      if (',?[]{}'.includes(ch)) flowInd = true;
      if (ch === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      }
      if (ch === '#' && precededByWs) flowInd = blockInd = true;
    }
    if (BREAKS.includes(ch)) lineBreaks = true;
    const code = ch.codePointAt(0)!;
    if (!(ch === '\n' || (code >= 0x20 && code <= 0x7e))) {
      const printable = (code === 0x85 || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code < 0x10ffff)) && code !== 0xfeff;
      if (!printable) special = true;
    }
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (BREAKS.includes(ch)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else prevSpace = prevBreak = false;
    precededByWs = SPACE_OR_BREAK.includes(ch);
    followedByWs = i + 2 >= chars.length || SPACE_OR_BREAK.includes(chars[i + 2]!);
  }
  let flowPlain = true, blockPlain = true, singleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) flowPlain = blockPlain = false;
  if (breakSpace) flowPlain = blockPlain = singleQuoted = false;
  if (spaceBreak || special) flowPlain = blockPlain = singleQuoted = false;
  if (lineBreaks) flowPlain = blockPlain = false;
  if (flowInd) flowPlain = false;
  if (blockInd) blockPlain = false;
  return { empty: false, multiline: lineBreaks, flowPlain, blockPlain, singleQuoted };
}

/** yaml.dump(value, Dumper=SafeDumper, allow_unicode=True, ...) as Ansible's filters call it. */
export function pyYamlDump(value: unknown, opts: YamlOptions = {}): string {
  const indent = opts.indent !== undefined && opts.indent > 1 && opts.indent < 10 ? opts.indent : 2;
  const width = opts.width !== undefined && opts.width > indent * 2 ? opts.width : 80;
  const root = represent(value, { defaultFlowStyle: opts.defaultFlowStyle === undefined ? null : opts.defaultFlowStyle, sortKeys: opts.sortKeys ?? true }, new Set());
  return new YamlEmitter(indent, width, analyze).emitDocument(root);
}
