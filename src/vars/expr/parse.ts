// Parses one expression's text (a `when:` condition, a `var:`) into the typed AST; syntax errors show a caret.

import { UserError, type SourceLoc } from '../../errors.js';
import type { Ast } from './ast.js';
import { ExprSyntaxError } from './errors.js';
import { lexExpression } from './lex.js';
import { ExprParser } from './parser.js';
import { TokenStream } from './token-stream.js';

/** Parses one expression; a syntax error becomes a UserError showing the expression and the column. */
export function parseExpression(expr: string, loc?: SourceLoc): Ast {
  if (expr.trim() === '') throw new UserError('empty expression', loc);
  try {
    const stream = new TokenStream(lexExpression(expr).tokens);
    const ast = new ExprParser(stream).parseTuple();
    if (stream.isOp('=')) throw new ExprSyntaxError("unexpected '=' (use '==' to compare)", stream.current.pos);
    if (stream.current.type !== 'eof') stream.fail('expected the end of the expression');
    return ast;
  } catch (e) {
    if (e instanceof ExprSyntaxError) throw syntaxError(expr, e.pos, e.message, loc);
    if (e instanceof RangeError) throw new UserError('expression nested too deeply', loc);
    throw e;
  }
}

function syntaxError(expr: string, index: number, description: string, loc?: SourceLoc): UserError {
  const what = description.charAt(0).toLowerCase() + description.slice(1);
  const col = Math.min(index, expr.length) + 1;
  return new UserError(`syntax error in expression at column ${col}: ${what}\n    ${expr}\n    ${' '.repeat(col - 1)}^`, loc);
}
