// Ansible's ansible_eval_concat: a rendered task string that looks like a list, a mapping or True/False becomes that value.

import type { Ast } from '../expr/ast.js';
import { evaluateAst } from '../expr/evaluate.js';
import { lexExpression } from '../expr/lex.js';
import { ExprParser } from '../expr/parser.js';
import { TokenStream } from '../expr/token-stream.js';

/** Only literals: what Python's ast.literal_eval accepts (plus JSON's true/false/null, as Ansible maps them). */
function isLiteral(ast: Ast): boolean {
  switch (ast.kind) {
    case 'literal':
      return true;
    case 'name':
      return ast.name === 'null';
    case 'list':
      return ast.items.every(isLiteral);
    case 'dict':
      return ast.entries.every(([k, v]) => isLiteral(k) && isLiteral(v));
    case 'unary':
      return ast.op !== 'not' && ast.operand.kind === 'literal' && typeof ast.operand.value === 'number';
    default:
      return false;
  }
}

/**
 * The value a rendered string stands for when it starts with `{` or `[` (or is `True`/`False`) and
 * parses as a Python literal, as Ansible's templar converts it; undefined when it stays text.
 */
export function literalValue(text: string): { value: unknown } | undefined {
  if (text === 'True' || text === 'False') return { value: text === 'True' };
  if (!text.startsWith('[') && !text.startsWith('{')) return undefined;
  try {
    const stream = new TokenStream(lexExpression(text).tokens);
    const ast = new ExprParser(stream).parseExpression();
    if (stream.current.type !== 'eof' || !isLiteral(ast)) return undefined;
    return { value: evaluateAst(ast, { lookup: (name) => (name === 'null' ? null : undefined) }) };
  } catch {
    return undefined;
  }
}
