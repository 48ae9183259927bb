// Jinja's primaries and postfix syntax: literals, lists, dicts, subscripts and slices, calls, filters and tests.

import { NO_ARGS, type Args, type Ast } from './ast.js';
import { ExprSyntaxError } from './errors.js';
import { numberOf } from './lex.js';
import type { TokenStream } from './token-stream.js';
import { makeFloat } from './values.js';

const LITERAL_NAMES: Readonly<Record<string, unknown>> = { true: true, True: true, false: false, False: false, none: null, None: null };
const TEST_ARG_STARTS = new Set(['name', 'string', 'int', 'float']);

/** The part of the grammar below the operators; ExprParser adds the operator levels on top. */
export abstract class PrimaryParser {
  constructor(protected readonly s: TokenStream) {}

  abstract parseExpression(withCondexpr?: boolean): Ast;
  abstract parseTuple(opts?: { readonly explicitParens?: boolean }): Ast;

  parsePrimary(): Ast {
    const t = this.s.current;
    if (t.type === 'name') {
      this.s.next();
      if (Object.hasOwn(LITERAL_NAMES, t.value)) return { kind: 'literal', value: LITERAL_NAMES[t.value], pos: t.pos };
      return { kind: 'name', name: t.value, pos: t.pos };
    }
    if (t.type === 'string') {
      let value = '';
      while (this.s.is('string')) value += this.s.next().value;
      return { kind: 'literal', value, pos: t.pos };
    }
    if (t.type === 'int' || t.type === 'float') {
      this.s.next();
      return { kind: 'literal', value: t.type === 'float' ? makeFloat(numberOf(t)) : numberOf(t), pos: t.pos };
    }
    if (t.type === 'op') {
      if (t.value === '(') {
        this.s.next();
        const inner = this.parseTuple({ explicitParens: true });
        this.s.expectOp(')', "')'");
        return inner;
      }
      if (t.value === '[') return this.parseList();
      if (t.value === '{') return this.parseDict();
    }
    const prev = this.s.previous();
    if (t.type === 'eof' && prev?.type === 'op') throw new ExprSyntaxError(`expected expression after ${prev.value}`, t.pos);
    if (t.type === 'op' && t.value === '=') throw new ExprSyntaxError("unexpected '=' (use '==' to compare)", t.pos);
    return this.s.fail('expected an expression');
  }

  protected parseList(): Ast {
    const pos = this.s.expectOp('[').pos;
    const items: Ast[] = [];
    while (!this.s.isOp(']')) {
      if (items.length) this.s.expectOp(',', "',' or ']'");
      if (this.s.isOp(']')) break;
      items.push(this.parseExpression());
    }
    this.s.expectOp(']');
    return { kind: 'list', items, pos };
  }

  protected parseDict(): Ast {
    const pos = this.s.expectOp('{').pos;
    const entries: [Ast, Ast][] = [];
    while (!this.s.isOp('}')) {
      if (entries.length) this.s.expectOp(',', "',' or '}'");
      if (this.s.isOp('}')) break;
      const key = this.parseExpression();
      this.s.expectOp(':', "':' after a key in {...}");
      entries.push([key, this.parseExpression()]);
    }
    this.s.expectOp('}');
    return { kind: 'dict', entries, pos };
  }

  protected parsePostfix(node: Ast): Ast {
    for (;;) {
      if (this.s.isOp('.') || this.s.isOp('[')) node = this.parseSubscript(node);
      else if (this.s.isOp('(')) node = this.parseCall(node);
      else return node;
    }
  }

  protected parseFilterExpr(node: Ast): Ast {
    for (;;) {
      if (this.s.isOp('|')) node = this.parseFilter(node);
      else if (this.s.isName('is')) node = this.parseTest(node);
      else if (this.s.isOp('(')) node = this.parseCall(node);
      else return node;
    }
  }

  protected parseSubscript(node: Ast): Ast {
    const t = this.s.next();
    if (t.value === '.') {
      const attr = this.s.current;
      if (attr.type === 'name') {
        this.s.next();
        return { kind: 'attr', object: node, name: attr.value, pos: attr.pos };
      }
      if (attr.type !== 'int') this.s.fail('expected a name or number after \'.\'');
      this.s.next();
      return { kind: 'index', object: node, index: { kind: 'literal', value: numberOf(attr), pos: attr.pos }, pos: attr.pos };
    }
    const args: Ast[] = [];
    while (!this.s.isOp(']')) {
      if (args.length) this.s.expectOp(',', "',' or ']'");
      args.push(this.parseSubscribed(node, t.pos));
    }
    this.s.expectOp(']');
    if (args.length === 1) {
      const only = args[0]!;
      return only.kind === 'slice' ? only : { kind: 'index', object: node, index: only, pos: t.pos };
    }
    return { kind: 'index', object: node, index: { kind: 'list', items: args, pos: t.pos, tuple: true }, pos: t.pos };
  }

  /** One subscript: an expression or a slice `a:b:c` (each part optional). */
  protected parseSubscribed(object: Ast, pos: number): Ast {
    let start: Ast | undefined;
    if (!this.s.isOp(':')) {
      start = this.parseExpression();
      if (!this.s.isOp(':')) return start;
    }
    this.s.next();
    const part = () => (this.s.isOp(']') || this.s.isOp(',') || this.s.isOp(':') ? undefined : this.parseExpression());
    const stop = part();
    const step = this.s.skipOp(':') ? part() : undefined;
    return { kind: 'slice', object, ...(start ? { start } : {}), ...(stop ? { stop } : {}), ...(step ? { step } : {}), pos };
  }

  protected parseCall(callee: Ast): Ast {
    const pos = this.s.current.pos;
    return { kind: 'call', callee, args: this.parseCallArgs(), pos };
  }

  parseCallArgs(): Args {
    this.s.expectOp('(');
    const positional: Ast[] = [];
    const named: [string, Ast][] = [];
    let requireComma = false;
    while (!this.s.isOp(')')) {
      if (requireComma) {
        this.s.expectOp(',', "',' or ')'");
        if (this.s.isOp(')')) break;
      }
      if (this.s.isOp('*') || this.s.isOp('**')) throw new ExprSyntaxError('*args and **kwargs in calls are not supported', this.s.current.pos);
      if (this.s.is('name') && this.s.look().type === 'op' && this.s.look().value === '=') {
        const key = this.s.next().value;
        this.s.next();
        named.push([key, this.parseExpression()]);
      } else {
        if (named.length) throw new ExprSyntaxError('a positional argument cannot follow a keyword argument', this.s.current.pos);
        positional.push(this.parseExpression());
      }
      requireComma = true;
    }
    this.s.expectOp(')');
    return { positional, named };
  }

  /** A filter or test name, possibly dotted (`ansible.builtin.to_json`). */
  protected parseDottedName(what: string): string {
    let name = this.s.expectName(what).value;
    while (this.s.isOp('.')) {
      this.s.next();
      name += '.' + this.s.expectName(what).value;
    }
    return name;
  }

  /** `name(args) | other` after `{% filter` (or `| name` after `{% set x`), applied to `input`. */
  parseInlineFilters(input: Ast): Ast {
    let node = this.parseFilter(input, !this.s.isOp('|'));
    while (this.s.isOp('|')) node = this.parseFilter(node);
    return node;
  }

  protected parseFilter(input: Ast, inline = false): Ast {
    if (!inline) this.s.next();
    const t = this.s.current;
    if (t.type !== 'name') throw new ExprSyntaxError("expected a filter name after '|', e.g. x | default('a')", t.pos);
    const name = this.parseDottedName('a filter name');
    const args = this.s.isOp('(') ? this.parseCallArgs() : NO_ARGS;
    return { kind: 'filter', input, name, args, pos: t.pos };
  }

  protected parseTest(input: Ast): Ast {
    this.s.next();
    const negated = this.s.skipName('not');
    const t = this.s.current;
    if (t.type !== 'name') throw new ExprSyntaxError("expected a test name after 'is', e.g. x is defined", t.pos);
    const name = this.parseDottedName('a test name');
    let args: Args = NO_ARGS;
    const c = this.s.current;
    if (this.s.isOp('(')) args = this.parseCallArgs();
    else if ((TEST_ARG_STARTS.has(c.type) || (c.type === 'op' && '([{'.includes(c.value))) && !(c.type === 'name' && ['else', 'or', 'and'].includes(c.value))) {
      if (c.type === 'name' && c.value === 'is') throw new ExprSyntaxError("tests cannot be chained with 'is'", c.pos);
      args = { positional: [this.parsePostfix(this.parsePrimary())], named: [] };
    }
    return { kind: 'test', input, name, args, negated, pos: t.pos };
  }
}
