// Jinja's expression grammar as a recursive-descent parser (precedence climbing, as jinja2/parser.py does).

import { COMPARISONS, type Ast } from './ast.js';
import { PrimaryParser } from './parser-primary.js';

const MATH1 = new Set(['+', '-']);
const MATH2 = new Set(['*', '/', '//', '%']);

export interface TupleOptions {
  /** only primaries (for assignment targets) */
  readonly simplified?: boolean;
  /** allow `a if b else c` in the items (default true) */
  readonly withCondexpr?: boolean;
  /** names that end the tuple (`in` of a for loop, `recursive`) */
  readonly endNames?: readonly string[];
  /** `()` is an empty tuple */
  readonly explicitParens?: boolean;
}

export class ExprParser extends PrimaryParser {
  parseExpression(withCondexpr = true): Ast {
    return withCondexpr ? this.parseCondexpr() : this.parseOr();
  }

  /** `a, b` is a tuple (a list flagged as tuple); a single item is itself. */
  parseTuple(opts: TupleOptions = {}): Ast {
    const pos = this.s.current.pos;
    const parse = opts.simplified ? () => this.parsePrimary() : () => this.parseExpression(opts.withCondexpr ?? true);
    const items: Ast[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length) this.s.expectOp(',');
      if (this.isTupleEnd(opts.endNames)) break;
      items.push(parse());
      if (this.s.isOp(',')) isTuple = true;
      else break;
    }
    if (!isTuple) {
      if (items.length) return items[0]!;
      if (!opts.explicitParens) this.s.fail('expected an expression');
    }
    return { kind: 'list', items, pos, tuple: true };
  }

  private isTupleEnd(endNames?: readonly string[]): boolean {
    const t = this.s.current;
    if (t.type === 'eof' || (t.type === 'op' && t.value === ')')) return true;
    return t.type === 'name' && (endNames ?? []).includes(t.value);
  }

  private parseCondexpr(): Ast {
    let expr = this.parseOr();
    while (this.s.isName('if')) {
      const pos = this.s.next().pos;
      const test = this.parseOr();
      const otherwise = this.s.skipName('else') ? this.parseCondexpr() : undefined;
      expr = { kind: 'if', test, then: expr, ...(otherwise ? { otherwise } : {}), pos };
    }
    return expr;
  }

  private parseOr(): Ast {
    let left = this.parseAnd();
    while (this.s.isName('or')) {
      const pos = this.s.next().pos;
      left = { kind: 'binary', op: 'or', left, right: this.parseAnd(), pos };
    }
    return left;
  }

  private parseAnd(): Ast {
    let left = this.parseNot();
    while (this.s.isName('and')) {
      const pos = this.s.next().pos;
      left = { kind: 'binary', op: 'and', left, right: this.parseNot(), pos };
    }
    return left;
  }

  private parseNot(): Ast {
    if (this.s.isName('not')) {
      const pos = this.s.next().pos;
      return { kind: 'unary', op: 'not', operand: this.parseNot(), pos };
    }
    return this.parseCompare();
  }

  /** `a < b < c` is `a < b and b < c` (b is evaluated twice; expressions have no side effects). */
  private parseCompare(): Ast {
    const first = this.parseMath1();
    const pairs: [string, Ast, number][] = [];
    for (;;) {
      const t = this.s.current;
      let op: string | undefined;
      if (t.type === 'op' && COMPARISONS.has(t.value)) op = t.value;
      else if (t.type === 'name' && t.value === 'in') op = 'in';
      else if (t.type === 'name' && t.value === 'not' && this.s.look().type === 'name' && this.s.look().value === 'in') {
        this.s.next();
        op = 'not in';
      }
      if (!op) break;
      this.s.next();
      pairs.push([op, this.parseMath1(), t.pos]);
    }
    let left = first;
    let out: Ast | undefined;
    for (const [op, right, pos] of pairs) {
      const cmp: Ast = { kind: 'binary', op, left, right, pos };
      out = out ? { kind: 'binary', op: 'and', left: out, right: cmp, pos } : cmp;
      left = right;
    }
    return out ?? first;
  }

  private parseBinaryLevel(ops: ReadonlySet<string>, next: () => Ast): Ast {
    let left = next();
    while (this.s.current.type === 'op' && ops.has(this.s.current.value)) {
      const t = this.s.next();
      left = { kind: 'binary', op: t.value, left, right: next(), pos: t.pos };
    }
    return left;
  }

  private parseMath1(): Ast {
    return this.parseBinaryLevel(MATH1, () => this.parseConcat());
  }

  private parseConcat(): Ast {
    return this.parseBinaryLevel(new Set(['~']), () => this.parseMath2());
  }

  private parseMath2(): Ast {
    return this.parseBinaryLevel(MATH2, () => this.parsePow());
  }

  /** `**` is left-associative in Jinja: `2 ** 3 ** 2` is 64. */
  private parsePow(): Ast {
    return this.parseBinaryLevel(new Set(['**']), () => this.parseUnary());
  }

  private parseUnary(withFilter = true): Ast {
    const t = this.s.current;
    let node: Ast;
    if (t.type === 'op' && (t.value === '-' || t.value === '+')) {
      this.s.next();
      node = { kind: 'unary', op: t.value, operand: this.parseUnary(false), pos: t.pos };
    } else node = this.parsePrimary();
    node = this.parsePostfix(node);
    return withFilter ? this.parseFilterExpr(node) : node;
  }
}
