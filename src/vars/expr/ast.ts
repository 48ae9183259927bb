// The typed expression tree of Jinja's expression language (positions are offsets in the parsed text).

export type Ast =
  | { readonly kind: 'literal'; readonly value: unknown; readonly pos: number }
  | { readonly kind: 'name'; readonly name: string; readonly pos: number }
  | { readonly kind: 'list'; readonly items: readonly Ast[]; readonly pos: number; readonly tuple?: boolean }
  | { readonly kind: 'dict'; readonly entries: readonly (readonly [Ast, Ast])[]; readonly pos: number }
  | { readonly kind: 'attr'; readonly object: Ast; readonly name: string; readonly pos: number }
  | { readonly kind: 'index'; readonly object: Ast; readonly index: Ast; readonly pos: number }
  | { readonly kind: 'slice'; readonly object: Ast; readonly start?: Ast; readonly stop?: Ast; readonly step?: Ast; readonly pos: number }
  /** a global function or macro (callee name), a method (callee attr), or any callable value */
  | { readonly kind: 'call'; readonly callee: Ast; readonly args: Args; readonly pos: number }
  | { readonly kind: 'filter'; readonly input: Ast; readonly name: string; readonly args: Args; readonly pos: number }
  | { readonly kind: 'test'; readonly input: Ast; readonly name: string; readonly args: Args; readonly negated: boolean; readonly pos: number }
  | { readonly kind: 'unary'; readonly op: 'not' | '-' | '+'; readonly operand: Ast; readonly pos: number }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Ast; readonly right: Ast; readonly pos: number }
  | { readonly kind: 'if'; readonly test: Ast; readonly then: Ast; readonly otherwise?: Ast; readonly pos: number };

export interface Args {
  readonly positional: readonly Ast[];
  readonly named: readonly (readonly [string, Ast])[];
}

export const NO_ARGS: Args = { positional: [], named: [] };

/** Comparison operators (`a < b < c` chains them, as Python does). */
export const COMPARISONS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=', 'in', 'not in']);

/** The direct subexpressions of a node. */
export function childrenOf(ast: Ast): Ast[] {
  switch (ast.kind) {
    case 'literal':
    case 'name':
      return [];
    case 'filter':
    case 'test':
      return [ast.input, ...argNodes(ast.args)];
    case 'list':
      return [...ast.items];
    case 'dict':
      return ast.entries.flat();
    case 'attr':
      return [ast.object];
    case 'index':
      return [ast.object, ast.index];
    case 'slice':
      return [ast.object, ...[ast.start, ast.stop, ast.step].filter((x): x is Ast => x !== undefined)];
    case 'call':
      return [ast.callee, ...argNodes(ast.args)];
    case 'unary':
      return [ast.operand];
    case 'binary':
      return [ast.left, ast.right];
    case 'if':
      return [ast.test, ast.then, ...(ast.otherwise ? [ast.otherwise] : [])];
  }
}

export function argNodes(args: Args): Ast[] {
  return [...args.positional, ...args.named.map(([, v]) => v)];
}
