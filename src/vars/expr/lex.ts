// Jinja's expression tokenizer: names, Python string literals, numbers, operators; stops at a template tag's end.

import { ExprSyntaxError } from './errors.js';
import { decodePythonString } from './py-string.js';

export type TokenType = 'name' | 'string' | 'int' | 'float' | 'op' | 'eof';

export interface Token {
  readonly type: TokenType;
  /** the name, the operator, the decoded string, or the number's source text */
  readonly value: string;
  /** offset of the token's first character in the whole text */
  readonly pos: number;
  readonly end: number;
}

/** Jinja's operators, longest first. */
const OPERATORS = ['//', '**', '==', '!=', '>=', '<=', '+', '-', '/', '*', '%', '~', '[', ']', '(', ')', '{', '}', '>', '<', '=', '.', ':', '|', ',', ';'];
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const FLOAT = /(?<![.\d])(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?[eE][+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/y;
const INT = /(?:0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[0-9a-fA-F])+|(?:0(?:_?0)*|[1-9](?:_?\d)*))/y;
const STRING = /'([^'\\]*(?:\\[\s\S][^'\\]*)*)'|"([^"\\]*(?:\\[\s\S][^"\\]*)*)"/y;
const WHITESPACE = /\s+/y;

const HINTS: Readonly<Record<string, string>> = {
  '&': "unexpected '&' (use 'and' / 'or')",
  '!': "unexpected '!' (use 'not')",
  '?': "'a ? b : c' is not supported; write 'b if a else c'",
};

/** Where lexing stops: the end of the text, or (inside a template tag) its closing delimiter. */
export interface LexEnd {
  /** returns the length of a closing delimiter at `pos` (0 when none) when no bracket is open */
  at(text: string, pos: number): number;
}

export interface LexResult {
  readonly tokens: Token[];
  /** offset just after the expression (the closing delimiter's start, or the text's end) */
  readonly stop: number;
  /** length of the closing delimiter found (0 at the end of the text) */
  readonly closer: number;
}

function sticky(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/**
 * Tokenizes an expression from `start`. Inside a template tag (`end` given), lexing stops at the
 * closing delimiter when no bracket is open, as Jinja's lexer does (`{{ {'a': 1} }}` works).
 */
export function lexExpression(text: string, start = 0, end?: LexEnd, newline = '\n'): LexResult {
  const tokens: Token[] = [];
  const brackets: string[] = [];
  let pos = start;
  for (;;) {
    const ws = sticky(WHITESPACE, text, pos);
    if (ws) pos += ws[0].length;
    if (end && brackets.length === 0) {
      const closer = end.at(text, pos);
      if (closer > 0) return { tokens: [...tokens, eof(pos, text.slice(pos, pos + closer))], stop: pos, closer };
    }
    if (pos >= text.length) {
      if (end) throw new ExprSyntaxError('unexpected end of template: a tag is not closed', pos);
      return { tokens: [...tokens, eof(pos)], stop: pos, closer: 0 };
    }
    const token = readToken(text, pos, newline);
    if (token.type === 'op') trackBracket(brackets, token);
    tokens.push(token);
    pos = token.end;
  }
}

/** The end of the tokens: at a template tag's closing delimiter, its text (`%}`). */
function eof(pos: number, closer = ''): Token {
  return { type: 'eof', value: closer, pos, end: pos };
}

function readToken(text: string, pos: number, newline: string): Token {
  const ch = text[pos]!;
  if (ch === "'" || ch === '"') {
    const m = sticky(STRING, text, pos);
    if (!m) throw new ExprSyntaxError('unclosed quote', pos);
    const raw = (m[1] ?? m[2])!.replace(/\r\n|\r|\n/g, newline);
    return { type: 'string', value: decodePythonString(raw, pos), pos, end: pos + m[0].length };
  }
  if (/\d/.test(ch)) {
    const f = sticky(FLOAT, text, pos);
    if (f) return { type: 'float', value: f[0], pos, end: pos + f[0].length };
    const i = sticky(INT, text, pos);
    if (i) return { type: 'int', value: i[0], pos, end: pos + i[0].length };
  }
  const name = sticky(NAME, text, pos);
  if (name) return { type: 'name', value: name[0], pos, end: pos + name[0].length };
  for (const op of OPERATORS) {
    if (text.startsWith(op, pos)) return { type: 'op', value: op, pos, end: pos + op.length };
  }
  throw new ExprSyntaxError(HINTS[ch] ?? `unexpected char '${ch}'`, pos);
}

const CLOSING: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

function trackBracket(stack: string[], token: Token): void {
  const op = token.value;
  if (op === '(' || op === '[' || op === '{') stack.push(op);
  else if (op in CLOSING) {
    if (stack.length === 0) throw new ExprSyntaxError(`unexpected '${op}'`, token.pos);
    const open = stack.pop();
    if (open !== CLOSING[op]) throw new ExprSyntaxError(`unexpected '${op}', expected the closing bracket of '${open}'`, token.pos);
  }
}

/** The numeric value of an int or float token (Python literal syntax: `1_000`, `0x1f`, `1e3`). */
export function numberOf(token: Token): number {
  const s = token.value.replace(/_/g, '');
  if (token.type === 'float') return Number(s);
  if (/^0[bB]/.test(s)) return parseInt(s.slice(2), 2);
  if (/^0[oO]/.test(s)) return parseInt(s.slice(2), 8);
  return Number(s);
}
