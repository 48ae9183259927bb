// Pieces of statements: assignment targets, macro signatures, include/import, and the end-of-tag check.

import type { Ast } from '../expr/ast.js';
import { ExprSyntaxError } from '../expr/errors.js';
import type { ExprParser } from '../expr/parser.js';
import type { TokenStream } from '../expr/token-stream.js';
import type { Node, Param, Target } from './nodes.js';

export function expectEnd(s: TokenStream, what: string): void {
  if (s.current.type !== 'eof') s.fail(`expected ${what}`);
}

/** An assignment target: `x`, `k, v`, `(a, b)`, or (for set) `ns.attr`. */
export function parseTarget(s: TokenStream, p: ExprParser, endNames: readonly string[], withNamespace: boolean): Target {
  if (withNamespace && s.is('name') && s.look().type === 'op' && s.look().value === '.') {
    const ns = s.next().value;
    s.next();
    return { kind: 'nsattr', ns, attr: s.expectName('an attribute name').value };
  }
  return toTarget(p.parseTuple({ simplified: true, endNames }));
}

function toTarget(ast: Ast): Target {
  if (ast.kind === 'name') return { kind: 'name', name: ast.name };
  if (ast.kind === 'list' && ast.tuple) return { kind: 'tuple', items: ast.items.map(toTarget) };
  throw new ExprSyntaxError("can only assign to names or tuples of names (e.g. 'k, v')", ast.pos);
}

/** `(a, b='x')` of a macro or of `{% call(args) %}`. */
export function parseSignature(s: TokenStream, p: ExprParser): Param[] {
  const params: Param[] = [];
  s.expectOp('(', "'(' after the macro name");
  while (!s.isOp(')')) {
    if (params.length) s.expectOp(',', "',' or ')'");
    const name = s.expectName('a parameter name').value;
    params.push(s.skipOp('=') ? { name, default: p.parseExpression() } : { name });
  }
  s.expectOp(')');
  return params;
}

function parseContext(s: TokenStream, dflt: boolean): boolean {
  if ((s.isName('with') || s.isName('without')) && s.look().type === 'name' && s.look().value === 'context') {
    const withCtx = s.next().value === 'with';
    s.next();
    return withCtx;
  }
  return dflt;
}

export function parseInclude(s: TokenStream, p: ExprParser, pos: number): Node {
  const template = p.parseExpression();
  let ignoreMissing = false;
  if (s.isName('ignore') && s.look().type === 'name' && s.look().value === 'missing') {
    s.next();
    s.next();
    ignoreMissing = true;
  }
  const withContext = parseContext(s, true);
  expectEnd(s, "the end of '{% include %}'");
  return { kind: 'include', template, ignoreMissing, withContext, pos };
}

export function parseImport(kind: string, s: TokenStream, p: ExprParser, pos: number): Node {
  const template = p.parseExpression();
  if (kind === 'import') {
    if (!s.skipName('as')) s.fail("expected 'as' in '{% import \"file\" as name %}'");
    const alias = s.expectName('a name').value;
    const withContext = parseContext(s, false);
    expectEnd(s, "the end of '{% import %}'");
    return { kind: 'import', template, alias, withContext, pos };
  }
  if (!s.skipName('import')) s.fail("expected 'import' in '{% from \"file\" import name %}'");
  const names: [string, string][] = [];
  for (;;) {
    const name = s.expectName('a name to import').value;
    names.push([name, s.skipName('as') ? s.expectName('a name').value : name]);
    if (!s.skipOp(',')) break;
  }
  const withContext = parseContext(s, false);
  expectEnd(s, "the end of '{% from ... import %}'");
  return { kind: 'import', template, names, withContext, pos };
}
