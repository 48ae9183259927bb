// Walks the expression tree: variable lookup with Ansible-style undefined handling, short-circuit logic, filters, tests, calls.

import type { Ast, Args } from './ast.js';
import type { Call, Kit } from './callables.js';
import { ExprError, undefinedError } from './errors.js';
import { findFilter, findTest, LENIENT_FILTERS, LENIENT_TESTS } from './registry.js';
import { callFunction, callMethod } from './methods.js';
import { applyBinary, applySign } from './operators.js';
import { Missing, isMapping, isText, isTruthy, isUndef, keepSecret, requireDefined, textOf, toPlain, typeName } from './values.js';

type Vars = Readonly<Record<string, unknown>>;

/** Evaluates a tree against variables; the result may be a Missing (undefined) marker. */
export function evaluateAst(ast: Ast, vars: Vars): unknown {
  const kit = makeKit();
  return evalNode(ast, vars, kit, false);
}

function makeKit(): Kit {
  const kit: Kit = {
    filter: (name, input, args, named = {}) => runFilter(name, input, { args, named, kit }),
    test: (name, value, args, named = {}) => runTest(name, value, { args, named, kit }),
  };
  return kit;
}

function runFilter(name: string, input: unknown, call: Call): unknown {
  const fn = findFilter(name);
  if (!LENIENT_FILTERS.has(name)) requireDefined(input, `with filter '${name}'`);
  return fn(input, call);
}

function runTest(name: string, value: unknown, call: Call): boolean {
  const fn = findTest(name);
  if (!LENIENT_TESTS.has(name)) requireDefined(value, `with test '${name}'`);
  return fn(value, call);
}

/**
 * `lenient` is set for the operand of `is defined`/`is undefined` and of `default`/`d`/`mandatory`:
 * an undefined variable then yields a Missing marker instead of an error (and so do its attributes).
 */
function evalNode(ast: Ast, vars: Vars, kit: Kit, lenient: boolean): unknown {
  switch (ast.kind) {
    case 'literal':
      return ast.value;
    case 'name':
      if (Object.hasOwn(vars, ast.name) && vars[ast.name] !== undefined) return vars[ast.name];
      if (lenient) return new Missing(ast.name, true);
      throw undefinedError(ast.name);
    case 'list':
      return ast.items.map((x) => toPlain(evalNode(x, vars, kit, false)));
    case 'dict': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of ast.entries) out[keyText(evalNode(k, vars, kit, false))] = toPlain(evalNode(v, vars, kit, false));
      return out;
    }
    case 'attr':
      return getAttr(evalNode(ast.object, vars, kit, lenient), ast.name, pathOf(ast.object));
    case 'index':
      return getItem(evalNode(ast.object, vars, kit, lenient), evalNode(ast.index, vars, kit, false), pathOf(ast.object));
    case 'call':
      return evalCall(ast, vars, kit);
    case 'filter':
      return runFilter(ast.name, evalNode(ast.input, vars, kit, LENIENT_FILTERS.has(ast.name)), evalArgs(ast.args, vars, kit));
    case 'test': {
      const result = runTest(ast.name, evalNode(ast.input, vars, kit, LENIENT_TESTS.has(ast.name)), evalArgs(ast.args, vars, kit));
      return ast.negated ? !result : result;
    }
    case 'unary': {
      const v = evalNode(ast.operand, vars, kit, false);
      return ast.op === 'not' ? !isTruthy(v) : applySign(ast.op, v);
    }
    case 'binary': {
      const left = evalNode(ast.left, vars, kit, false);
      if (ast.op === 'and') return isTruthy(left) ? evalNode(ast.right, vars, kit, false) : left;
      if (ast.op === 'or') return isTruthy(left) ? left : evalNode(ast.right, vars, kit, false);
      return applyBinary(ast.op, left, evalNode(ast.right, vars, kit, false));
    }
    case 'if':
      if (isTruthy(evalNode(ast.test, vars, kit, false))) return evalNode(ast.then, vars, kit, false);
      return ast.otherwise ? evalNode(ast.otherwise, vars, kit, false) : undefined;
  }
}

function evalArgs(args: Args, vars: Vars, kit: Kit): Call {
  const named: Record<string, unknown> = {};
  for (const [k, v] of args.named) named[k] = toPlain(evalNode(v, vars, kit, false));
  return { args: args.positional.map((a) => toPlain(evalNode(a, vars, kit, false))), named, kit };
}

function evalCall(ast: Extract<Ast, { kind: 'call' }>, vars: Vars, kit: Kit): unknown {
  const call = evalArgs(ast.args, vars, kit);
  if (ast.callee.kind === 'name') return callFunction(ast.callee.name, call);
  if (ast.callee.kind !== 'attr') throw new ExprError('only functions and methods can be called');
  const target = evalNode(ast.callee.object, vars, kit, false);
  requireDefined(target, `with method '${ast.callee.name}()'`);
  return callMethod(target, ast.callee.name, call);
}

function keyText(k: unknown): string {
  if (isText(k)) return textOf(k);
  if (typeof k === 'number' || typeof k === 'boolean') return String(k);
  throw new ExprError(`a mapping key must be a string or number, got ${typeName(k)}`);
}

/** `a.b`: a mapping's key; undefined (not an error) when the key is missing. */
function getAttr(obj: unknown, name: string, path: string): unknown {
  if (isMapping(obj) && Object.hasOwn(obj, name) && obj[name] !== undefined) return obj[name];
  return new Missing(`${path}.${name}`, obj instanceof Missing && obj.root);
}

/** `a[k]`: mapping key, list or string index (negative counts from the end); undefined when out of range. */
function getItem(obj: unknown, key: unknown, path: string): unknown {
  if (isUndef(key)) requireDefined(key, 'as an index');
  const missing = () => new Missing(`${path}[${typeof key === 'string' ? `'${key}'` : String(key)}]`, obj instanceof Missing && obj.root);
  if (obj instanceof Missing) return missing();
  if (isMapping(obj)) {
    const k = keyText(key);
    return Object.hasOwn(obj, k) && obj[k] !== undefined ? obj[k] : missing();
  }
  if (Array.isArray(obj) || isText(obj)) {
    if (typeof key !== 'number' || !Number.isInteger(key)) throw new ExprError(`a ${typeName(obj)} index must be an integer, got ${typeName(key)}`);
    const len = Array.isArray(obj) ? obj.length : textOf(obj).length;
    const i = key < 0 ? len + key : key;
    if (i < 0 || i >= len) return missing();
    return Array.isArray(obj) ? obj[i] : keepSecret(textOf(obj)[i]!, obj);
  }
  if (obj === null || obj === undefined) return missing();
  throw new ExprError(`cannot index a ${typeName(obj)}`);
}

/** The dotted path of a variable reference, for messages (`result.stdout`). */
function pathOf(ast: Ast): string {
  if (ast.kind === 'name') return ast.name;
  if (ast.kind === 'attr') return `${pathOf(ast.object)}.${ast.name}`;
  if (ast.kind === 'index') return `${pathOf(ast.object)}[${ast.index.kind === 'literal' ? JSON.stringify(ast.index.value) : '...'}]`;
  return '(...)';
}
