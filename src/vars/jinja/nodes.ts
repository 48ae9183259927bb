// The template tree: text, `{{ }}` output, Jinja statements and mustache sections (positions are offsets in the template).

import type { Ast } from '../expr/ast.js';

/** Where `set`, `for` and `with` put values: a name, a tuple to unpack, or a namespace attribute. */
export type Target =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'tuple'; readonly items: readonly Target[] }
  | { readonly kind: 'nsattr'; readonly ns: string; readonly attr: string };

export interface Param {
  readonly name: string;
  readonly default?: Ast;
}

export type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'output'; readonly expr: Ast; readonly pos: number; readonly end: number }
  | { readonly kind: 'if'; readonly branches: readonly { readonly test: Ast; readonly body: readonly Node[] }[]; readonly otherwise?: readonly Node[] }
  | {
      readonly kind: 'for';
      readonly target: Target;
      readonly iter: Ast;
      readonly filter?: Ast;
      readonly recursive: boolean;
      readonly body: readonly Node[];
      readonly otherwise?: readonly Node[];
      readonly pos: number;
    }
  | { readonly kind: 'set'; readonly target: Target; readonly value: Ast; readonly pos: number }
  /** `{% set x %}...{% endset %}`; `filter` applies to the captured text (input is the name `__body__`) */
  | { readonly kind: 'setBlock'; readonly target: Target; readonly body: readonly Node[]; readonly filter?: Ast; readonly pos: number }
  | { readonly kind: 'with'; readonly assigns: readonly (readonly [Target, Ast])[]; readonly body: readonly Node[] }
  | { readonly kind: 'macro'; readonly name: string; readonly params: readonly Param[]; readonly body: readonly Node[]; readonly pos: number }
  | { readonly kind: 'callBlock'; readonly call: Ast; readonly params: readonly Param[]; readonly body: readonly Node[]; readonly pos: number }
  | { readonly kind: 'filterBlock'; readonly filter: Ast; readonly body: readonly Node[]; readonly pos: number }
  | { readonly kind: 'include'; readonly template: Ast; readonly ignoreMissing: boolean; readonly withContext: boolean; readonly pos: number }
  | { readonly kind: 'import'; readonly template: Ast; readonly alias?: string; readonly names?: readonly (readonly [string, string])[]; readonly withContext: boolean; readonly pos: number }
  | { readonly kind: 'scope'; readonly body: readonly Node[] }
  | { readonly kind: 'section'; readonly expr: Ast; readonly inverted: boolean; readonly body: readonly Node[]; readonly pos: number };

/** The name a block-set or filter block binds the captured body text to. */
export const BODY_NAME = '__body__';
