// Splits template text into data and tags as Jinja's lexer does: whitespace control, trim/lstrip_blocks, raw, comments, mustache sections.

import { ExprSyntaxError } from '../expr/errors.js';
import { lexExpression, type LexEnd, type Token } from '../expr/lex.js';
import { mustacheTagAt, standaloneSpan } from './mustache-tags.js';

export interface LexOptions {
  readonly trimBlocks: boolean;
  readonly lstripBlocks: boolean;
  readonly newline: string;
}

export type Segment =
  | { readonly kind: 'data'; readonly text: string; readonly pos: number }
  | { readonly kind: 'var' | 'block'; readonly tokens: Token[]; readonly pos: number; readonly end: number }
  | { readonly kind: 'mustache'; readonly op: '#' | '^' | '/' | '.'; readonly expr: string; readonly exprPos: number; readonly pos: number; readonly end: number };

/** What the next tag's beginning does to the data before it. */
type Control = '-' | '+' | 'var' | 'block' | 'none';

const TAG_START = /\{[{%#]/g;
const RAW_BEGIN = /\{%([-+]?)\s*raw\s*([-+]?)%\}/y;
const RAW_END = /\{%([-+]?)\s*endraw\s*([-+]?)%\}/g;
const PY_SPACE = /[\s\x1c-\x1f\x85]+$/;
const PY_SPACE_START = /^[\s\x1c-\x1f\x85]+/;

const VAR_END: LexEnd = { at: (t, p) => (t.startsWith('-}}', p) ? 3 : t.startsWith('}}', p) ? 2 : 0) };
const BLOCK_END: LexEnd = { at: (t, p) => (t.startsWith('-%}', p) || t.startsWith('+%}', p) ? 3 : t.startsWith('%}', p) ? 2 : 0) };

/** Jinja's source preparation: every line break becomes `\n`; one final newline is dropped unless kept. */
export function prepareSource(text: string, keepTrailingNewline: boolean): string {
  const normalized = text.includes('\r') ? text.replace(/\r\n|\r/g, '\n') : text;
  return !keepTrailingNewline && normalized.endsWith('\n') ? normalized.slice(0, -1) : normalized;
}

class Lexer {
  readonly out: Segment[] = [];
  /** whitespace the previous tag's end removes from the next data (`-%}` all, trim_blocks one newline) */
  private stripNext: 'all' | 'newline' | 'none' = 'none';
  constructor(
    private readonly text: string,
    private readonly opts: LexOptions,
  ) {}

  run(): Segment[] {
    let pos = 0;
    while (pos < this.text.length) {
      TAG_START.lastIndex = pos;
      const m = TAG_START.exec(this.text);
      const start = m ? m.index : this.text.length;
      if (!m) {
        this.data(pos, start, undefined);
        break;
      }
      pos = this.tag(pos, start);
    }
    return this.out;
  }

  /** Handles the tag at `start` (data before it begins at `from`); returns where lexing continues. */
  private tag(from: number, start: number): number {
    const t = this.text;
    const kind = t[start + 1]!;
    const sign = (t[start + 2] === '-' || t[start + 2] === '+' ? t[start + 2] : '') as '' | '-' | '+';
    if (kind === '{') {
      const must = mustacheTagAt(t, start);
      if (must) return this.mustache(from, start, must);
      this.data(from, start, sign === '-' ? '-' : 'var');
      return this.expression('var', start, start + 2 + (sign ? 1 : 0), VAR_END);
    }
    if (kind === '#') {
      this.data(from, start, sign || 'block');
      const close = /\+#\}|-#\}|#\}/g;
      close.lastIndex = start + 2 + (sign ? 1 : 0);
      const end = close.exec(t);
      if (!end) throw new ExprSyntaxError('missing end of comment tag', start);
      return this.afterTag(end.index + end[0].length, end[0][0] === '#' ? '' : end[0][0]!, true);
    }
    RAW_BEGIN.lastIndex = start;
    const raw = RAW_BEGIN.exec(t);
    if (raw) return this.raw(from, start, raw);
    this.data(from, start, sign || 'block');
    return this.expression('block', start, start + 2 + (sign ? 1 : 0), BLOCK_END);
  }

  private expression(kind: 'var' | 'block', start: number, from: number, end: LexEnd): number {
    let lexed: ReturnType<typeof lexExpression>;
    try {
      lexed = lexExpression(this.text, from, end, this.opts.newline);
    } catch (e) {
      if (e instanceof ExprSyntaxError && e.pos >= this.text.length) {
        throw new ExprSyntaxError(`this '${kind === 'var' ? '{{' : '{%'}' is never closed (expected '${kind === 'var' ? '}}' : '%}'}')`, start);
      }
      throw e;
    }
    const { tokens, stop, closer } = lexed;
    this.out.push({ kind, tokens, pos: start, end: stop + closer });
    const endSign = closer === 3 ? this.text[stop]! : '';
    return this.afterTag(stop + closer, endSign, kind === 'block');
  }

  private raw(from: number, start: number, begin: RegExpExecArray): number {
    this.data(from, start, (begin[1] || 'block') as Control);
    this.stripNext = begin[2] === '-' ? 'all' : 'none';
    RAW_END.lastIndex = start + begin[0].length;
    const end = RAW_END.exec(this.text);
    if (!end) throw new ExprSyntaxError("missing '{% endraw %}' for this '{% raw %}'", start);
    this.data(start + begin[0].length, end.index, (end[1] || 'block') as Control);
    return this.afterTag(end.index + end[0].length, end[2] ?? '', true);
  }

  private mustache(from: number, start: number, tag: NonNullable<ReturnType<typeof mustacheTagAt>>): number {
    const span = tag.op === '.' ? undefined : standaloneSpan(this.text, start, tag.end);
    this.data(from, span ? span.lineStart : start, 'none');
    this.out.push({ kind: 'mustache', op: tag.op, expr: tag.expr, exprPos: tag.exprPos, pos: start, end: tag.end });
    this.stripNext = 'none';
    return span ? span.resume : tag.end;
  }

  private afterTag(pos: number, endSign: string, isBlock: boolean): number {
    this.stripNext = endSign === '-' ? 'all' : isBlock && endSign !== '+' && this.opts.trimBlocks ? 'newline' : 'none';
    return pos;
  }

  /**
   * Emits text[from, to) as data, applying the previous tag's end control and the next tag's
   * begin control: '-' strips all whitespace before it, a block/comment tag lstrips its line.
   */
  private data(from: number, to: number, nextTag: Control | undefined): void {
    let text = this.text.slice(from, to);
    let pos = from;
    if (this.stripNext === 'all') {
      const ws = PY_SPACE_START.exec(text);
      if (ws) {
        text = text.slice(ws[0].length);
        pos += ws[0].length;
      }
    } else if (this.stripNext === 'newline' && text.startsWith('\n')) {
      text = text.slice(1);
      pos += 1;
    }
    this.stripNext = 'none';
    if (nextTag === '-') text = text.replace(PY_SPACE, '');
    else if (nextTag === 'block' && this.opts.lstripBlocks) {
      const lineStart = text.lastIndexOf('\n') + 1;
      const atLineStart = lineStart > 0 || pos === 0 || this.text[pos - 1] === '\n';
      if (atLineStart && /^[ \t]*$/.test(text.slice(lineStart))) text = text.slice(0, lineStart);
    }
    if (text) this.out.push({ kind: 'data', text: this.opts.newline === '\n' ? text : text.replace(/\n/g, this.opts.newline), pos });
  }
}

/** Lexes prepared template text (see prepareSource) into data and tag segments. */
export function lexTemplate(text: string, opts: LexOptions): Segment[] {
  return new Lexer(text, opts).run();
}
