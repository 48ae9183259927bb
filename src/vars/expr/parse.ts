// Parses expression text with jsep (configured once here for the Jinja operators) into the typed AST of ast.ts.

import jsep from 'jsep';
import { UserError, type SourceLoc } from '../../errors.js';
import { installSyntaxHooks } from './syntax-hooks.js';
import { BINARY_PRECEDENCE, SyntaxProblem, convertNode, type Ast } from './ast.js';

interface JsepParser {
  index: number;
  gobbleExpression(): jsep.Expression | false;
  throwError(message: string): never;
}
type JsepClass = new (expr: string) => JsepParser;

function configureJsep(): JsepClass {
  jsep.removeAllBinaryOps();
  jsep.removeAllUnaryOps();
  for (const [op, prec] of Object.entries(BINARY_PRECEDENCE)) jsep.addBinaryOp(op, prec, op === '**');
  for (const op of ['-', '+', 'not']) jsep.addUnaryOp(op);
  for (const [word, value] of Object.entries({ True: true, False: false, None: null, none: null })) jsep.addLiteral(word, value);
  installSyntaxHooks(jsep);
  return (jsep as unknown as { Jsep: JsepClass }).Jsep;
}

// jsep keeps its operator tables globally: configured exactly once, when this module loads.
const Parser = configureJsep();

/** Parses one expression; a syntax error becomes a UserError showing the expression and the column. */
export function parseExpression(expr: string, loc?: SourceLoc): Ast {
  if (expr.trim() === '') throw new UserError('empty expression', loc);
  let node: jsep.Expression | false = false;
  try {
    const parser = new Parser(expr);
    node = parser.gobbleExpression();
    if (!node) parser.throwError(`expected an expression${hintAt(expr, parser.index)}`);
    if (parser.index < expr.length) parser.throwError(`unexpected '${expr[parser.index]}'${hintAt(expr, parser.index)}`);
  } catch (e) {
    const err = e as { index?: number; description?: string };
    if (typeof err.index !== 'number') throw e;
    throw syntaxError(expr, err.index, err.description ?? String(e), loc);
  }
  try {
    return convertNode(node as jsep.Expression);
  } catch (e) {
    if (e instanceof SyntaxProblem) throw new UserError(`invalid expression "${expr}": ${e.message}`, loc);
    throw e;
  }
}

function hintAt(expr: string, index: number): string {
  const rest = expr.slice(index);
  if (/^(&&|\|\|)/.test(rest)) return ` (use 'and' / 'or')`;
  if (/^!(?!=)/.test(rest)) return ` (use 'not')`;
  if (/^\?/.test(rest)) return ` (use 'a if condition else b')`;
  if (/^=(?!=)/.test(rest)) return ` (use '==' to compare)`;
  return '';
}

function syntaxError(expr: string, index: number, description: string, loc?: SourceLoc): UserError {
  const what = description.charAt(0).toLowerCase() + description.slice(1);
  const col = Math.min(index, expr.length) + 1;
  return new UserError(`syntax error in expression at column ${col}: ${what}\n    ${expr}\n    ${' '.repeat(col - 1)}^`, loc);
}
