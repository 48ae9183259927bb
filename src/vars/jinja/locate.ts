// Template errors as user errors: the file:line:col of the offending tag and a short window of its line.

import { UserError, type SourceLoc } from '../../errors.js';
import { ExprError, ExprSyntaxError, UndefinedVariableError } from '../expr/errors.js';

/** Where a template text comes from: its file and the position of its first character. */
export interface TemplateSource {
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
}

/** A template being rendered: its source, the text positions refer to, and lines cut before it. */
export interface Where {
  readonly source: TemplateSource;
  readonly text: string;
  readonly lineOffset: number;
}

const WINDOW = 160;

/**
 * The location of an offset, and for a template file the text of its line (cut to a short window
 * after the column); a string inside a YAML file leaves the line to the loader's source cache.
 */
export function locate(where: Where, offset: number): { loc: SourceLoc; line?: string } {
  const { source, text } = where;
  const at = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  const lineText = text.slice(lineStart, nl < 0 ? text.length : nl);
  const lineNo = text.slice(0, at).split('\n').length - 1 + where.lineOffset;
  const col = at - lineStart;
  const loc: SourceLoc = {
    file: source.file,
    line: (source.line ?? 1) + lineNo,
    col: lineNo === 0 ? (source.col ?? 1) + col : col + 1,
  };
  if (source.line !== undefined) return { loc };
  return { loc, line: lineText.length > col + WINDOW ? lineText.slice(0, col + WINDOW) + ' ...' : lineText };
}

/** The tag around an offset (`{{ x | upper }}`), for messages; empty when it is long or not found. */
function tagAround(text: string, offset: number): string {
  const open = Math.max(text.lastIndexOf('{{', offset), text.lastIndexOf('{%', offset));
  if (open < 0) return '';
  const close = text.slice(open, open + 200).search(/[}%]\}/);
  return close < 0 ? '' : text.slice(open, open + close + 2);
}

/** Converts a template-internal error to a UserError at its position (other errors pass through). */
export function toTemplateError(e: unknown, where: Where, fallbackPos: number): unknown {
  if (e instanceof ExprSyntaxError) {
    const { loc, line } = locate(where, e.pos);
    return new UserError(`template syntax error: ${e.message}`, loc, line);
  }
  if (!(e instanceof ExprError)) return e;
  const pos = e.pos ?? fallbackPos;
  const { loc, line } = locate(where, pos);
  const tag = tagAround(where.text, pos);
  const message = tag && tag.length <= 120 ? `${e.message} in "${tag}"` : e.message;
  return e.variable !== undefined ? new UndefinedVariableError(message, e.variable, loc, line) : new UserError(message, loc, line);
}
