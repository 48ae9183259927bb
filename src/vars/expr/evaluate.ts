// Walks the expression tree: variable lookup with Ansible-style undefined handling, short-circuit logic, filters, tests, calls.

import type { Ast, Args } from './ast.js';
import type { Call, Kit } from './callables.js';
import { ExprError, undefinedError } from './errors.js';
import { findFilter, findTest, LENIENT_FILTERS, LENIENT_TESTS } from './registry.js';
import { callFunction, callMethod } from './methods.js';
import { applyBinary, applySign } from './operators.js';
import { getAttr, getItem, getSlice, pathOf } from './subscript.js';
import { Missing, PyObject, asTuple, isPythonTruthy, isText, isTruthy, requireDefined, textOf, typeName } from './values.js';

/** What an expression sees: its variables, global functions, and which truthiness rule applies. */
export interface EvalEnv {
  /** a variable's value; undefined when it is not defined */
  lookup(name: string): unknown;
  /** Python truthiness (Jinja templates) instead of the condition rule ('false' is false) */
  readonly pythonTruth?: boolean;
  /** global functions beyond range/dict/namespace (lookup, query, q) */
  readonly globals?: Readonly<Record<string, (call: Call) => unknown>>;
}

/** An environment over a plain mapping of variables. */
export function envOf(vars: Readonly<Record<string, unknown>>, extra: Omit<EvalEnv, 'lookup'> = {}): EvalEnv {
  return { ...extra, lookup: (name) => (Object.hasOwn(vars, name) ? vars[name] : undefined) };
}

/** Evaluates a tree; the result may be a Missing (undefined) marker. */
export function evaluateAst(ast: Ast, env: EvalEnv): unknown {
  const truthy = env.pythonTruth ? isPythonTruthy : isTruthy;
  const kit: Kit = {
    filter: (name, input, args, named = {}) => runFilter(name, input, { args, named, kit }),
    test: (name, value, args, named = {}) => runTest(name, value, { args, named, kit }),
    truthy,
  };
  try {
    return new Evaluator(env, kit).eval(ast, false);
  } catch (e) {
    throw tooDeep(e);
  }
}

/**
 * A stack overflow (a macro calling itself, an absurdly nested value) or a value too large for
 * JavaScript, as a user error instead of a crash. No regex or string work here: the stack may be
 * nearly exhausted when this runs.
 */
export function tooDeep(e: unknown): unknown {
  return e instanceof RangeError ? new ExprError('nested too deeply or too large (a macro that calls itself without end?)') : e;
}

/** `ansible.builtin.to_json` is `to_json`. */
function shortName(name: string): string {
  return name.replace(/^ansible\.(?:builtin|legacy)\./, '');
}

function runFilter(name: string, input: unknown, call: Call): unknown {
  const short = shortName(name);
  const fn = findFilter(short);
  if (!LENIENT_FILTERS.has(short)) requireDefined(input, `with filter '${short}'`);
  return fn(input, call);
}

function runTest(name: string, value: unknown, call: Call): boolean {
  const short = shortName(name);
  const fn = findTest(short);
  if (!LENIENT_TESTS.has(short)) requireDefined(value, `with test '${short}'`);
  return fn(value, call);
}

class Evaluator {
  constructor(
    private readonly env: EvalEnv,
    private readonly kit: Kit,
  ) {}

  /**
   * `lenient` is set for the operand of `is defined`/`is undefined` and of `default`/`d`/`mandatory`:
   * an undefined variable then yields a Missing marker instead of an error (and so do its attributes).
   */
  eval(ast: Ast, lenient: boolean): unknown {
    try {
      return this.evalNode(ast, lenient);
    } catch (e) {
      if (e instanceof ExprError && e.pos === undefined) e.pos = ast.pos;
      throw e;
    }
  }

  private value(ast: Ast): unknown {
    const v = this.eval(ast, false);
    return v instanceof Missing ? undefined : v;
  }

  private evalNode(ast: Ast, lenient: boolean): unknown {
    switch (ast.kind) {
      case 'literal':
        return ast.value;
      case 'name': {
        const v = this.env.lookup(ast.name);
        if (v !== undefined) return v;
        if (lenient) return new Missing(ast.name, true);
        throw undefinedError(ast.name);
      }
      case 'list': {
        const items = ast.items.map((x) => this.value(x));
        return ast.tuple ? asTuple(items) : items;
      }
      case 'dict': {
        const out: Record<string, unknown> = {};
        for (const [k, v] of ast.entries) out[keyText(this.eval(k, false))] = this.value(v);
        return out;
      }
      case 'attr':
        return getAttr(this.eval(ast.object, lenient), ast.name, pathOf(ast.object));
      case 'index':
        return getItem(this.eval(ast.object, lenient), this.eval(ast.index, false), pathOf(ast.object));
      case 'slice': {
        const part = (a: Ast | undefined) => (a ? this.value(a) : undefined);
        return getSlice(this.eval(ast.object, false), part(ast.start), part(ast.stop), part(ast.step));
      }
      case 'call':
        return this.evalCall(ast);
      case 'filter':
        return runFilter(ast.name, this.eval(ast.input, LENIENT_FILTERS.has(shortName(ast.name))), this.evalArgs(ast.args));
      case 'test': {
        const result = runTest(ast.name, this.eval(ast.input, LENIENT_TESTS.has(shortName(ast.name))), this.evalArgs(ast.args));
        return ast.negated ? !result : result;
      }
      case 'unary': {
        const v = this.eval(ast.operand, false);
        return ast.op === 'not' ? !this.kit.truthy(v) : applySign(ast.op, v);
      }
      case 'binary': {
        const left = this.eval(ast.left, false);
        if (ast.op === 'and') return this.kit.truthy(left) ? this.eval(ast.right, false) : left;
        if (ast.op === 'or') return this.kit.truthy(left) ? left : this.eval(ast.right, false);
        return applyBinary(ast.op, left, this.eval(ast.right, false));
      }
      case 'if':
        if (this.kit.truthy(this.eval(ast.test, false))) return this.eval(ast.then, false);
        return ast.otherwise ? this.eval(ast.otherwise, false) : undefined;
    }
  }

  private evalArgs(args: Args): Call {
    const named: Record<string, unknown> = {};
    for (const [k, v] of args.named) named[k] = this.value(v);
    return { args: args.positional.map((a) => this.value(a)), named, kit: this.kit };
  }

  private evalCall(ast: Extract<Ast, { kind: 'call' }>): unknown {
    const { callee } = ast;
    if (callee.kind === 'attr') {
      const target = this.eval(callee.object, false);
      requireDefined(target, `with method '${callee.name}()'`);
      const call = this.evalArgs(ast.args);
      if (target instanceof PyObject) {
        const out = target.method?.(callee.name, call);
        if (out !== undefined) return out;
        const attr = target.attr(callee.name);
        if (attr instanceof PyObject && attr.call) return attr.call(call);
        throw new ExprError(`${typeName(target)} has no method '${callee.name}()'`);
      }
      return callMethod(target, callee.name, call);
    }
    if (callee.kind === 'name') {
      const v = this.env.lookup(callee.name);
      if (v === undefined) {
        const global = this.env.globals?.[callee.name];
        return global ? global(this.evalArgs(ast.args)) : callFunction(callee.name, this.evalArgs(ast.args));
      }
      return callValue(v, this.evalArgs(ast.args), callee.name);
    }
    return callValue(this.value(callee), this.evalArgs(ast.args), pathOf(callee));
  }
}

function callValue(v: unknown, call: Call, what: string): unknown {
  if (v instanceof PyObject && v.call) return v.call(call);
  throw new ExprError(`'${what}' is not callable (it is a ${typeName(v)})`);
}

function keyText(k: unknown): string {
  if (isText(k)) return textOf(k);
  if (typeof k === 'number' || typeof k === 'boolean') return String(k);
  if (k === null) return 'None';
  throw new ExprError(`a mapping key must be a string or number, got ${typeName(k)}`);
}
