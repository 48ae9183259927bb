// Public API of the expression language: evaluate, evaluateCondition, renderExpression, referencedNames, checkExpression.

import { UserError, type SourceLoc } from '../../errors.js';
import { toUserError, undefinedError } from './errors.js';
import { envOf, evaluateAst } from './evaluate.js';
import { parseExpression } from './parse.js';
import { makeLookupGlobals } from '../jinja/lookups.js';
import { renderTemplateFile } from '../render.js';
import { renderExpressionValue } from './render.js';
import { Missing, isTruthy, toPlain } from './values.js';

export { UndefinedVariableError } from './errors.js';
export { renderExpressionValue } from './render.js';
export { referencedNames, checkExpression, type ReferencedNames } from './names.js';

type Vars = Readonly<Record<string, unknown>>;
export type Condition = string | boolean | number | null | undefined | readonly Condition[];

/** lookup()/query()/q() in conditions and `var:` expressions, searching the task's role and playbook. */
function lookupGlobals(vars: Vars) {
  return makeLookupGlobals({ vars, renderTemplateFile: (text, file, extra) => renderTemplateFile(text, vars, { file }, { extra }) });
}

function run(expr: string, vars: Vars, loc: SourceLoc | undefined): unknown {
  const ast = parseExpression(expr, loc);
  try {
    return evaluateAst(ast, envOf(vars, { globals: lookupGlobals(vars) }));
  } catch (e) {
    throw toUserError(e, expr, loc);
  }
}

/**
 * Evaluates an expression (`x.y | default(1) + 2`). A missing attribute of a defined mapping
 * evaluates to undefined; an undefined variable throws UndefinedVariableError.
 */
export function evaluate(expr: string, vars: Vars, loc?: SourceLoc): unknown {
  return toPlain(run(expr, vars, loc));
}

/** `{{ expr }}` as template text: like evaluate, but an undefined result is an error naming the path. */
export function renderExpression(expr: string, vars: Vars, loc?: SourceLoc): string {
  return renderExpressionValue(evaluateStrict(expr, vars, loc));
}

/** Like evaluate, but an undefined result (e.g. a missing attribute) is an error naming the path. */
export function evaluateStrict(expr: string, vars: Vars, loc?: SourceLoc): unknown {
  const value = run(expr, vars, loc);
  if (value instanceof Missing || value === undefined) {
    const path = value instanceof Missing ? value.path : expr.trim();
    throw toUserError(undefinedError(path, value instanceof Missing && value.root ? 'variable' : 'value'), expr, loc);
  }
  return toPlain(value);
}

const WRAPPED = /^\s*\{\{([\s\S]*)\}\}\s*$/;

/** `"{{ x }}"` -> `x`; other `{{ }}` inside a condition is an error (a condition is an expression already). */
export function unwrapCondition(cond: string, loc?: SourceLoc): string {
  const m = WRAPPED.exec(cond);
  const inner = m && !m[1]!.includes('{{') && !m[1]!.includes('}}') ? m[1]! : cond;
  if (/\{\{|\{%/.test(inner)) {
    throw new UserError(`a condition is an expression already: write it without '{{ }}', e.g. "x == 1" rather than "{{ x }} == 1" (got "${cond}")`, loc);
  }
  return inner;
}

/**
 * A `when`/`failed_when`/`changed_when`/`until`/assert condition as a boolean (truthiness in
 * docs/expressions.md). Lists are ANDed, left to right, stopping at the first false one.
 * null/undefined (an empty `when:`) is true.
 */
export function evaluateCondition(cond: Condition, vars: Vars, loc?: SourceLoc): boolean {
  if (cond === null || cond === undefined) return true;
  if (typeof cond === 'boolean') return cond;
  if (typeof cond === 'number') return cond !== 0;
  if (Array.isArray(cond)) return cond.every((c: Condition) => evaluateCondition(c, vars, loc));
  if (typeof cond !== 'string') throw new UserError(`a condition must be a string, boolean or list, got ${typeof cond}`, loc);
  if (cond.trim() === '') throw new UserError('empty condition', loc);
  return isTruthy(run(unwrapCondition(cond, loc), vars, loc));
}
