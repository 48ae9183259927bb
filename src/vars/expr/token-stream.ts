// A cursor over expression tokens with Jinja's helpers (test, skip, expect) and clear messages.

import { ExprSyntaxError } from './errors.js';
import type { Token } from './lex.js';

export class TokenStream {
  #i = 0;
  constructor(readonly tokens: readonly Token[]) {}

  get current(): Token {
    return this.tokens[Math.min(this.#i, this.tokens.length - 1)]!;
  }

  /** the token after the current one */
  look(): Token {
    return this.tokens[Math.min(this.#i + 1, this.tokens.length - 1)]!;
  }

  /** the token before the current one, if any */
  previous(): Token | undefined {
    return this.#i > 0 ? this.tokens[this.#i - 1] : undefined;
  }

  next(): Token {
    const t = this.current;
    if (this.#i < this.tokens.length - 1) this.#i++;
    return t;
  }

  /** True when the current token is the operator, or the name (`is('name', 'in')`). */
  is(type: Token['type'], value?: string): boolean {
    const t = this.current;
    return t.type === type && (value === undefined || t.value === value);
  }

  isOp(value: string): boolean {
    return this.is('op', value);
  }

  isName(value: string): boolean {
    return this.is('name', value);
  }

  skipOp(value: string): boolean {
    if (!this.isOp(value)) return false;
    this.next();
    return true;
  }

  skipName(value: string): boolean {
    if (!this.isName(value)) return false;
    this.next();
    return true;
  }

  expectOp(value: string, what = `'${value}'`): Token {
    if (!this.isOp(value)) this.fail(`expected ${what}`);
    return this.next();
  }

  expectName(what = 'a name'): Token {
    if (!this.is('name')) this.fail(`expected ${what}`);
    return this.next();
  }

  /** Throws a syntax error at the current token, describing what was found there. */
  fail(expected: string): never {
    throw new ExprSyntaxError(`${expected}, got ${describeToken(this.current)}`, this.current.pos);
  }
}

export function describeToken(t: Token): string {
  if (t.type === 'eof') return t.value ? `'${t.value}'` : 'the end of the expression';
  if (t.type === 'string') return 'a string';
  return `'${t.value}'`;
}
