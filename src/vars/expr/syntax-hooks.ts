// jsep hooks for the Jinja syntax jsep lacks: Python string literals, {dict} literals, `a if c else b`, grouping marks.

import type jsep from 'jsep';

type Scope = jsep.HookScope;
type Node = jsep.Expression;

const SQUOTE = 39;
const DQUOTE = 34;
const OBRACE = 123;
const CBRACE = 125;
const OPAREN = 40;
const COLON = 58;
const COMMA = 44;

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** Python string literal: known escapes are decoded, unknown ones (`\d` in a regex) are kept with their backslash. */
function gobbleString(scope: Scope): Node {
  const start = scope.index;
  const quote = scope.expr[scope.index++];
  let out = '';
  while (scope.index < scope.expr.length) {
    const ch = scope.expr[scope.index++]!;
    if (ch === quote) return { type: 'Literal', value: out, raw: scope.expr.slice(start, scope.index) };
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = scope.expr[scope.index++] ?? '';
    if (next === 'x' || next === 'u') {
      const len = next === 'x' ? 2 : 4;
      const hex = scope.expr.slice(scope.index, scope.index + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) scope.throwError(`bad \\${next} escape in string`);
      out += String.fromCharCode(parseInt(hex, 16));
      scope.index += len;
    } else out += ESCAPES[next] ?? `\\${next}`;
  }
  scope.index = start;
  return scope.throwError('unclosed quote');
}

/** The current character code (a call, so TypeScript does not narrow it across gobbles). */
function peek(scope: Scope): number {
  return scope.code;
}

/** `{'k': v, ...}` as a DictExpression node. */
function gobbleDict(scope: Scope): Node {
  scope.index++;
  const entries: { key: Node; value: Node }[] = [];
  for (;;) {
    scope.gobbleSpaces();
    if (peek(scope) === CBRACE) break;
    const key = scope.gobbleExpression();
    if (!key) scope.throwError('expected a key in {...}');
    scope.gobbleSpaces();
    if (peek(scope) !== COLON) scope.throwError("expected ':' after a key in {...}");
    scope.index++;
    const value = scope.gobbleExpression();
    if (!value) scope.throwError("expected a value after ':' in {...}");
    entries.push({ key, value });
    scope.gobbleSpaces();
    if (peek(scope) === COMMA) scope.index++;
    else if (peek(scope) !== CBRACE) scope.throwError("expected ',' or '}' in {...}");
  }
  scope.index++;
  return { type: 'DictExpression', entries: entries as unknown as Node[] };
}

/** True when the keyword starts at the scope's index and is not the start of a longer name. */
function atKeyword(scope: Scope, word: string): boolean {
  const end = scope.index + word.length;
  return scope.expr.startsWith(word, scope.index) && !/[A-Za-z0-9_$]/.test(scope.expr[end] ?? '');
}

function gobbleTokenHook(this: Scope, env: { node?: Node }): void {
  const code = this.code;
  let node: Node | undefined;
  if (code === SQUOTE || code === DQUOTE) node = gobbleString(this);
  else if (code === OBRACE) node = gobbleDict(this);
  else if (code === OPAREN) {
    const group = this.gobbleGroup() as Node | false;
    if (!group) this.throwError('empty parentheses');
    node = { type: 'Group', expression: group };
  }
  if (node) env.node = this.gobbleTokenProperty(node);
}

/** `value if test else other` (Jinja's conditional expression; `else` is optional). */
function inlineIfHook(this: Scope, env: { node?: Node }): void {
  if (!env.node || !atKeyword(this, 'if')) return;
  this.index += 2;
  const test = this.gobbleBinaryExpression();
  if (!test) this.throwError("expected a condition after 'if'");
  this.gobbleSpaces();
  let alternate: Node | undefined;
  if (atKeyword(this, 'else')) {
    this.index += 4;
    alternate = this.gobbleExpression();
    if (!alternate) this.throwError("expected an expression after 'else'");
  }
  env.node = { type: 'InlineIf', test, consequent: env.node, alternate };
}

/** Registers the hooks on jsep (global in jsep: called once, by parse.ts). */
export function installSyntaxHooks(parser: typeof jsep): void {
  parser.hooks.add('gobble-token', gobbleTokenHook);
  parser.hooks.add('after-expression', inlineIfHook);
}
