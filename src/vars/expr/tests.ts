// The `is` tests: definedness, types, registered task results (failed/changed/skipped), regex, comparison, version.

import { existsSync, lstatSync, statSync } from 'node:fs';
import type { Call, TestFn } from './callables.js';
import { argAt, inputList, inputText, textArg } from './callables.js';
import { ExprError } from './errors.js';
import { containsValue } from './operators.js';
import { compileRegex, matchAtStart, type RegexOptions } from './regex.js';
import { compareVersions } from './version.js';
import { PyObject, isFloat, isNum, compareValues, equalValues, isMapping, isText, isTruthy, isUndef, typeName } from './values.js';

const statOf = (p: string) => statSync(p, { throwIfNoEntry: false });
const lstatOf = (p: string) => lstatSync(p, { throwIfNoEntry: false });

function resultFlag(flag: 'failed' | 'changed' | 'skipped'): TestFn {
  return (v) => {
    if (!isMapping(v)) throw new ExprError(`the '${flag}' test needs a registered task result (a mapping), got ${typeName(v)}`);
    return isTruthy(v[flag]);
  };
}

function regexOptions(call: Call): RegexOptions {
  return { ignorecase: argAt(call, 1, 'ignorecase') === true, multiline: argAt(call, 2, 'multiline') === true };
}

function compareWith(op: string): TestFn {
  return (v, call) => {
    const c = compareValues(v, argAt(call, 0, 'other'), op);
    return { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[op]!;
  };
}

const isNumber = (v: unknown) => isNum(v);

export const TESTS: Readonly<Record<string, TestFn>> = {
  defined: (v) => !isUndef(v),
  undefined: (v) => isUndef(v),
  none: (v) => v === null,
  true: (v) => v === true,
  false: (v) => v === false,
  boolean: (v) => typeof v === 'boolean',
  string: (v) => isText(v),
  number: isNumber,
  integer: (v) => Number.isInteger(v),
  float: (v) => isFloat(v),
  mapping: (v) => isMapping(v),
  sequence: (v) => Array.isArray(v) || isText(v),
  iterable: (v) => Array.isArray(v) || isText(v) || isMapping(v),
  truthy: (v, call) => call.kit.truthy(v),
  falsy: (v, call) => !call.kit.truthy(v),
  even: (v) => isNumber(v) && Number(v) % 2 === 0,
  odd: (v) => isNumber(v) && Math.abs(Number(v) % 2) === 1,
  divisibleby: (v, call) => isNumber(v) && Number(v) % Number(argAt(call, 0, 'num')) === 0,
  lower: (v) => isText(v) && inputText(v, 'lower') === inputText(v, 'lower').toLowerCase(),
  upper: (v) => isText(v) && inputText(v, 'upper') === inputText(v, 'upper').toUpperCase(),
  failed: resultFlag('failed'),
  succeeded: (v, call) => !resultFlag('failed')(v, call),
  changed: resultFlag('changed'),
  skipped: resultFlag('skipped'),
  match: (v, call) => matchAtStart(compileRegex(textArg(call, 0, 'pattern', "test 'match'"), regexOptions(call)), inputText(v, "test 'match'")) !== null,
  search: (v, call) => compileRegex(textArg(call, 0, 'pattern', "test 'search'"), regexOptions(call)).test(inputText(v, "test 'search'")),
  regex: (v, call) => {
    const re = compileRegex(textArg(call, 0, 'pattern', "test 'regex'"), regexOptions(call));
    const text = inputText(v, "test 'regex'");
    return argAt(call, 3, 'match_type', 'search') === 'match' ? matchAtStart(re, text) !== null : re.test(text);
  },
  in: (v, call) => containsValue(argAt(call, 0, 'seq'), v),
  contains: (v, call) => containsValue(v, argAt(call, 0, 'value')),
  eq: (v, call) => equalValues(v, argAt(call, 0, 'other')),
  ne: (v, call) => !equalValues(v, argAt(call, 0, 'other')),
  lt: compareWith('<'),
  le: compareWith('<='),
  gt: compareWith('>'),
  ge: compareWith('>='),
  subset: (v, call) => inputList(v, "test 'subset'").every((x) => containsValue(argAt(call, 0, 'b'), x)),
  superset: (v, call) => inputList(argAt(call, 0, 'b'), "test 'superset'").every((x) => containsValue(v, x)),
  all: (v, call) => inputList(v, "test 'all'").every((x) => call.kit.truthy(x)),
  any: (v, call) => inputList(v, "test 'any'").some((x) => call.kit.truthy(x)),
  sameas: (v, call) => v === argAt(call, 0, 'other'),
  callable: (v) => v instanceof PyObject && typeof v.call === 'function',
  exists: (v) => existsSync(inputText(v, "test 'exists'")),
  file: (v) => statOf(inputText(v, "test 'file'"))?.isFile() === true,
  directory: (v) => statOf(inputText(v, "test 'directory'"))?.isDirectory() === true,
  link: (v) => lstatOf(inputText(v, "test 'link'"))?.isSymbolicLink() === true,
  abs: (v) => inputText(v, "test 'abs'").startsWith('/'),
  version: (v, call) => compareVersions(inputText(v, "test 'version'"), textArg(call, 0, 'version', "test 'version'"), textArg(call, 1, 'operator', "test 'version'", 'eq')),
};

/** Other names Jinja and Ansible accept for the same tests. */
export const TEST_ALIASES: Readonly<Record<string, string>> = {
  success: 'succeeded',
  successful: 'succeeded',
  failure: 'failed',
  change: 'changed',
  skip: 'skipped',
  equalto: 'eq',
  '==': 'eq',
  '!=': 'ne',
  lessthan: 'lt',
  '<': 'lt',
  '<=': 'le',
  greaterthan: 'gt',
  '>': 'gt',
  '>=': 'ge',
  version_compare: 'version',
};
