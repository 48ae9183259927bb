// Turns template text into a cached template tree with Ansible's settings: `#jinja2:` header, backslash escaping, newlines.

import { ExprSyntaxError } from '../expr/errors.js';
import type { Ast } from '../expr/ast.js';
import { lexTemplate, prepareSource, type LexOptions, type Segment } from './lexer.js';
import type { Node } from './nodes.js';
import { parseTemplate } from './parser.js';

/** Ansible's Jinja settings: trim_blocks on, lstrip_blocks off, one final newline dropped then restored by count. */
export interface TemplateOptions {
  readonly trimBlocks: boolean;
  readonly lstripBlocks: boolean;
  readonly keepTrailingNewline: boolean;
  readonly newline: string;
  /** task strings: backslashes inside `{{ }}` string literals are doubled first (Ansible's _escape_backslashes) */
  readonly escapeBackslashes: boolean;
}

export const ANSIBLE_DEFAULTS: TemplateOptions = { trimBlocks: true, lstripBlocks: false, keepTrailingNewline: false, newline: '\n', escapeBackslashes: false };

export interface Compiled {
  readonly nodes: readonly Node[];
  /** the text the positions refer to (after the header line, line breaks normalized) */
  readonly text: string;
  /** lines before `text` in the original (1 when a `#jinja2:` header was removed) */
  readonly lineOffset: number;
  readonly options: TemplateOptions;
  /** trailing `\n` of the original text, restored after rendering (Ansible's preserve_trailing_newlines) */
  readonly trailingNewlines: number;
  /** the expression when the whole text is exactly one `{{ expr }}` */
  readonly lone?: Ast;
}

const HEADER = '#jinja2:';
const HEADER_KEYS: Readonly<Record<string, keyof TemplateOptions>> = {
  trim_blocks: 'trimBlocks',
  lstrip_blocks: 'lstripBlocks',
  keep_trailing_newline: 'keepTrailingNewline',
  newline_sequence: 'newline',
};
const CACHE_LIMIT = 1000;

/** The count of `\n` at the end of a text (Ansible's _count_newlines_from_end). */
export function countTrailingNewlines(text: string): number {
  let n = 0;
  while (n < text.length && text[text.length - 1 - n] === '\n') n++;
  return n;
}

/** `#jinja2: trim_blocks: False, lstrip_blocks: True` as Ansible reads it (values are Python literals). */
function applyHeader(line: string, opts: TemplateOptions): TemplateOptions {
  const out: Record<string, unknown> = { ...opts };
  for (const pair of line.split(',')) {
    const colon = pair.indexOf(':');
    if (colon < 0) throw new ExprSyntaxError(`failed to parse jinja2 override '${pair.trim()}': use 'key: value' pairs separated by commas`, 0);
    const key = pair.slice(0, colon).trim();
    const raw = pair.slice(colon + 1).trim();
    const field = HEADER_KEYS[key];
    if (!field) throw new ExprSyntaxError(`the '#jinja2:' override '${key}' is not supported (supported: ${Object.keys(HEADER_KEYS).join(', ')})`, 0);
    if (field === 'newline') {
      const m = /^(['"])(.*)\1$/.exec(raw);
      const nl = m ? m[2]!.replace(/\\r/g, '\r').replace(/\\n/g, '\n') : '';
      if (!['\n', '\r\n', '\r'].includes(nl)) throw new ExprSyntaxError(`newline_sequence must be '\\n', '\\r\\n' or '\\r', got ${raw}`, 0);
      out[field] = nl;
    } else if (raw === 'True' || raw === 'False') out[field] = raw === 'True';
    else throw new ExprSyntaxError(`the '#jinja2:' override '${key}' needs True or False, got '${raw}'`, 0);
  }
  return out as unknown as TemplateOptions;
}

/** Doubles the backslashes of string literals inside `{{ }}` (what Ansible does to task strings before Jinja). */
function escapeBackslashes(text: string, lex: LexOptions): string {
  if (!text.includes('\\') || !text.includes('{{')) return text;
  let out = '';
  let at = 0;
  for (const seg of lexTemplate(text, lex)) {
    if (seg.kind !== 'var') continue;
    for (const t of seg.tokens) {
      if (t.type !== 'string') continue;
      out += text.slice(at, t.pos) + text.slice(t.pos, t.end).replace(/\\/g, '\\\\');
      at = t.end;
    }
  }
  return out + text.slice(at);
}

/** The body is exactly one `{{ expr }}`: nothing before or after it, not even a line break. */
function isLone(segs: readonly Segment[], text: string, body: string): boolean {
  const only = segs[0];
  return segs.length === 1 && only !== undefined && only.kind === 'var' && only.pos === 0 && only.end === text.length && !/[\r\n]$/.test(body);
}

function compile(original: string, base: TemplateOptions): Compiled {
  let options = base;
  let body = original;
  let lineOffset = 0;
  if (original.startsWith(HEADER)) {
    const eol = original.indexOf('\n');
    options = applyHeader(original.slice(HEADER.length, eol < 0 ? original.length - 1 : eol), base);
    body = eol < 0 ? '' : original.slice(eol + 1);
    lineOffset = 1;
  }
  const lex: LexOptions = { trimBlocks: options.trimBlocks, lstripBlocks: options.lstripBlocks, newline: options.newline };
  let text = prepareSource(body, options.keepTrailingNewline);
  let segs: Segment[];
  let nodes: Node[];
  try {
    if (options.escapeBackslashes) text = escapeBackslashes(text, lex);
    segs = lexTemplate(text, lex);
    nodes = parseTemplate(segs);
  } catch (e) {
    // positions of the original text (the header line counts)
    if (e instanceof ExprSyntaxError) throw new ExprSyntaxError(e.message, e.pos + original.length - body.length);
    if (e instanceof RangeError) throw new ExprSyntaxError('the template is nested too deeply', 0);
    throw e;
  }
  const lone = isLone(segs, text, body) && nodes.length === 1 && nodes[0]!.kind === 'output' ? nodes[0].expr : undefined;
  return { nodes, text, lineOffset, options, trailingNewlines: countTrailingNewlines(original), ...(lone ? { lone } : {}) };
}

/**
 * Compiles template text (memoized: the same text and options give the same immutable tree).
 * A syntax error is an ExprSyntaxError at an offset of the original text.
 */
export function compileTemplate(text: string, options: TemplateOptions, cache: Map<string, Compiled>): Compiled {
  const key = `${options.trimBlocks ? 1 : 0}${options.lstripBlocks ? 1 : 0}${options.keepTrailingNewline ? 1 : 0}${options.escapeBackslashes ? 1 : 0}${options.newline}\0${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const compiled = compile(text, options);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, compiled);
  return compiled;
}
