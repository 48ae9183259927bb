// The typed expression tree, converted from jsep's generic nodes: Jinja's `not` precedence, filters, tests, keyword arguments.

import type jsep from 'jsep';

export type Ast =
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'list'; readonly items: readonly Ast[] }
  | { readonly kind: 'dict'; readonly entries: readonly (readonly [Ast, Ast])[] }
  | { readonly kind: 'attr'; readonly object: Ast; readonly name: string }
  | { readonly kind: 'index'; readonly object: Ast; readonly index: Ast }
  /** a global function (callee name) or a method (callee attr) */
  | { readonly kind: 'call'; readonly callee: Ast; readonly args: Args }
  | { readonly kind: 'filter'; readonly input: Ast; readonly name: string; readonly args: Args }
  | { readonly kind: 'test'; readonly input: Ast; readonly name: string; readonly args: Args; readonly negated: boolean }
  | { readonly kind: 'unary'; readonly op: 'not' | '-' | '+'; readonly operand: Ast }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Ast; readonly right: Ast }
  | { readonly kind: 'if'; readonly test: Ast; readonly then: Ast; readonly otherwise?: Ast };

export interface Args {
  readonly positional: readonly Ast[];
  readonly named: readonly (readonly [string, Ast])[];
}

/** Binary operators and their precedence (higher binds tighter), Jinja's order. */
export const BINARY_PRECEDENCE: Readonly<Record<string, number>> = {
  '=': 0.5, // keyword arguments only: f(attribute='x')
  or: 1,
  and: 2,
  '==': 6, '!=': 6, '<': 6, '<=': 6, '>': 6, '>=': 6, in: 6, 'not in': 6,
  '+': 9, '-': 9,
  '~': 9.5,
  '*': 10, '/': 10, '//': 10, '%': 10,
  '**': 11,
  '|': 12, is: 12,
};

/** `not` binds looser than comparisons and tighter than `and`. */
const NOT_LEVEL = 3;

/** A construct jsep accepts that this language does not. */
export class SyntaxProblem extends Error {}

type Node = jsep.Expression;
const NO_ARGS: Args = { positional: [], named: [] };

/**
 * jsep makes every unary operator bind tightest, so `not a == b` arrives as `(not a) == b`;
 * Jinja reads it as `not (a == b)`. Lift the `not` above every operator tighter than it.
 */
function liftNot(node: Node): Node {
  if (node.type !== 'BinaryExpression') return node;
  const left = node.left as Node;
  const prec = BINARY_PRECEDENCE[node.operator as string] ?? 0;
  if (prec > NOT_LEVEL && left.type === 'UnaryExpression' && left.operator === 'not') {
    return { type: 'UnaryExpression', operator: 'not', prefix: true, argument: liftNot({ ...node, left: left.argument as Node }) };
  }
  return node;
}

export function convertNode(raw: Node): Ast {
  const node = raw.type === 'BinaryExpression' ? liftNot({ ...raw, left: liftedChild(raw.left as Node) }) : raw;
  switch (node.type) {
    case 'Literal':
      return { kind: 'literal', value: node.value };
    case 'Identifier':
      return { kind: 'name', name: node.name as string };
    case 'ThisExpression':
      return { kind: 'name', name: 'this' };
    case 'Group':
      return convertNode(node.expression as Node);
    case 'ArrayExpression':
    case 'SequenceExpression': {
      const items = (node.elements ?? node.expressions) as (Node | null)[];
      if (items.some((x) => x === null)) throw new SyntaxProblem('empty element in a list');
      return { kind: 'list', items: items.map((x) => convertNode(x!)) };
    }
    case 'DictExpression':
      return { kind: 'dict', entries: (node.entries as unknown as { key: Node; value: Node }[]).map((e) => [convertNode(e.key), convertNode(e.value)] as const) };
    case 'MemberExpression':
      return convertMember(node);
    case 'CallExpression': {
      const callee = convertNode(node.callee as Node);
      if (callee.kind !== 'name' && callee.kind !== 'attr') throw new SyntaxProblem('only functions and methods can be called');
      return { kind: 'call', callee, args: convertArgs(node.arguments as Node[]) };
    }
    case 'UnaryExpression':
      return { kind: 'unary', op: node.operator as 'not' | '-' | '+', operand: convertNode(node.argument as Node) };
    case 'BinaryExpression':
      return convertBinary(node.operator as string, node.left as Node, node.right as Node);
    case 'InlineIf':
      return {
        kind: 'if',
        test: convertNode(node.test as Node),
        then: convertNode(node.consequent as Node),
        ...(node.alternate ? { otherwise: convertNode(node.alternate as Node) } : {}),
      };
    case 'ConditionalExpression':
      throw new SyntaxProblem("'a ? b : c' is not supported; write 'b if a else c'");
    default:
      throw new SyntaxProblem(`unsupported syntax (${node.type})`);
  }
}

function liftedChild(node: Node): Node {
  return node.type === 'BinaryExpression' ? liftNot({ ...node, left: liftedChild(node.left as Node) }) : node;
}

function convertMember(node: Node): Ast {
  if (node.optional) throw new SyntaxProblem("'?.' is not supported; use 'x.y | default(...)' or 'x.y is defined'");
  const object = convertNode(node.object as Node);
  const prop = node.property as Node;
  if (!node.computed) return { kind: 'attr', object, name: prop.name as string };
  return { kind: 'index', object, index: convertNode(prop) };
}

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', 'in', 'not in']);

function convertBinary(op: string, left: Node, right: Node): Ast {
  if (COMPARISONS.has(op) && left.type === 'BinaryExpression' && COMPARISONS.has(left.operator as string)) {
    throw new SyntaxProblem(`comparison chains like 'a < b < c' are not supported; write 'a < b and b < c'`);
  }
  if (op === '=') throw new SyntaxProblem("'=' only names a keyword argument, e.g. map(attribute='name'); use '==' to compare");
  if (op === '|') {
    const { name, args } = convertApplied(right, 'filter');
    return { kind: 'filter', input: convertNode(left), name, args };
  }
  if (op === 'is') {
    const negated = right.type === 'UnaryExpression' && right.operator === 'not';
    const { name, args } = convertApplied(negated ? (right.argument as Node) : right, 'test');
    return { kind: 'test', input: convertNode(left), name, args, negated };
  }
  return { kind: 'binary', op, left: convertNode(left), right: convertNode(right) };
}

/** The right side of `|` or `is`: a name, or a name with arguments. */
function convertApplied(node: Node, what: 'filter' | 'test'): { name: string; args: Args } {
  if (node.type === 'Identifier') return { name: node.name as string, args: NO_ARGS };
  if (node.type === 'Literal' && what === 'test' && (node.value === null || typeof node.value === 'boolean')) {
    return { name: String(node.value === null ? 'none' : node.value), args: NO_ARGS };
  }
  if (node.type === 'CallExpression' && (node.callee as Node).type === 'Identifier') {
    return { name: (node.callee as Node).name as string, args: convertArgs(node.arguments as Node[]) };
  }
  const side = what === 'filter' ? "after '|'" : "after 'is'";
  throw new SyntaxProblem(`expected a ${what} name ${side}, e.g. ${what === 'filter' ? "x | default('a')" : 'x is defined'}`);
}

function convertArgs(nodes: Node[]): Args {
  const positional: Ast[] = [];
  const named: [string, Ast][] = [];
  for (const n of nodes) {
    if (n.type === 'BinaryExpression' && n.operator === '=') {
      const key = n.left as Node;
      if (key.type !== 'Identifier') throw new SyntaxProblem("a keyword argument needs a name before '='");
      named.push([key.name as string, convertNode(n.right as Node)]);
    } else {
      if (named.length) throw new SyntaxProblem('a positional argument cannot follow a keyword argument');
      positional.push(convertNode(n));
    }
  }
  return { positional, named };
}
