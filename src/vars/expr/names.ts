// Static analysis of an expression: the variables it reads (required vs guarded/optional) and unknown filter/test names.

import type { SourceLoc } from '../../errors.js';
import { UserError } from '../../errors.js';
import { argNodes, childrenOf, type Ast, type Args } from './ast.js';
import { toUserError } from './errors.js';
import { parseExpression } from './parse.js';
import { findFilter, findTest, LENIENT_FILTERS, LENIENT_TESTS } from './registry.js';

export interface ReferencedNames {
  /** names read unconditionally: undefined means an error at run time */
  readonly required: string[];
  /** names read only under `is defined`/`is undefined`/`default(...)`, or guarded by such a test (`x is defined and x > 1`) */
  readonly optional: string[];
}

/** The root variable name of `a.b[0].c`, if the expression is such a path. */
function rootName(ast: Ast): string | undefined {
  if (ast.kind === 'name') return ast.name;
  if (ast.kind === 'attr' || ast.kind === 'index') return rootName(ast.object);
  return undefined;
}

/** Names certainly defined when `ast` evaluates truthy (`when` = true) or falsy (`when` = false). */
function definedWhen(ast: Ast, when: boolean): string[] {
  if (ast.kind === 'test' && LENIENT_TESTS.has(ast.name)) {
    const assertsDefined = (ast.name === 'defined') !== ast.negated;
    const name = rootName(ast.input);
    return name !== undefined && assertsDefined === when ? [name] : [];
  }
  if (ast.kind === 'unary' && ast.op === 'not') return definedWhen(ast.operand, !when);
  if (ast.kind === 'binary' && ast.op === (when ? 'and' : 'or')) return [...definedWhen(ast.left, when), ...definedWhen(ast.right, when)];
  return [];
}

function collect(ast: Ast, optional: boolean, guarded: ReadonlySet<string>, req: Set<string>, opt: Set<string>): void {
  const visit = (a: Ast, o = false, g = guarded) => collect(a, o, g, req, opt);
  const visitArgs = (args: Args) => argNodes(args).forEach((a) => visit(a));
  const guard = (extra: string[]) => new Set([...guarded, ...extra]);
  switch (ast.kind) {
    case 'literal':
      return;
    case 'name':
      (optional || guarded.has(ast.name) ? opt : req).add(ast.name);
      return;
    case 'list':
      return ast.items.forEach((x) => visit(x));
    case 'dict':
      return ast.entries.forEach(([k, v]) => (visit(k), visit(v)));
    case 'attr':
      return visit(ast.object, optional);
    case 'index':
      visit(ast.object, optional);
      return visit(ast.index);
    case 'slice':
      return childrenOf(ast).forEach((x) => visit(x));
    case 'call':
      if (ast.callee.kind === 'attr') visit(ast.callee.object);
      else if (ast.callee.kind !== 'name') visit(ast.callee);
      return visitArgs(ast.args);
    case 'filter':
      visit(ast.input, LENIENT_FILTERS.has(ast.name));
      return visitArgs(ast.args);
    case 'test':
      visit(ast.input, LENIENT_TESTS.has(ast.name));
      return visitArgs(ast.args);
    case 'unary':
      return visit(ast.operand);
    case 'binary':
      visit(ast.left);
      if (ast.op === 'and') return visit(ast.right, false, guard(definedWhen(ast.left, true)));
      if (ast.op === 'or') return visit(ast.right, false, guard(definedWhen(ast.left, false)));
      return visit(ast.right);
    case 'if':
      visit(ast.test);
      visit(ast.then, false, guard(definedWhen(ast.test, true)));
      if (ast.otherwise) visit(ast.otherwise, false, guard(definedWhen(ast.test, false)));
      return;
  }
}

/** The top-level variables an expression reads (for dry-run "undefined variable" checks). */
export function referencedNames(expr: string, loc?: SourceLoc): ReferencedNames {
  const req = new Set<string>();
  const opt = new Set<string>();
  collect(parseExpression(expr, loc), false, new Set(), req, opt);
  return { required: [...req], optional: [...opt].filter((n) => !req.has(n)) };
}

function checkNames(ast: Ast): void {
  if (ast.kind === 'filter') findFilter(ast.name.replace(/^ansible\.(?:builtin|legacy)\./, ''));
  if (ast.kind === 'test') findTest(ast.name.replace(/^ansible\.(?:builtin|legacy)\./, ''));
  childrenOf(ast).forEach(checkNames);
}

/** Parses an expression and checks every filter and test name, without evaluating (dry-run). */
export function checkExpression(expr: string, loc?: SourceLoc): void {
  const ast = parseExpression(expr, loc);
  try {
    checkNames(ast);
  } catch (e) {
    const err = toUserError(e, expr, loc);
    throw err instanceof UserError ? err : e;
  }
}
