// Mustache section tags inside templates: `{{#x}}`, `{{^x}}`, `{{/x}}` (syntax errors in Jinja, so never ambiguous) and `{{.}}`.

/** `{{#expr}}`, `{{^expr}}`, `{{/expr}}` or `{{.}}` at a position. */
const TAG = /\{\{\s*(?:([#^/])\s*([^{}]*?)\s*|(\.)\s*)\}\}/y;
const LINE_OF_TAGS = /^[ \t]*(?:\{\{\s*[#^/][^{}]*\}\}[ \t]*)+$/;

export interface MustacheTag {
  readonly op: '#' | '^' | '/' | '.';
  /** the section's expression (its name, usually) */
  readonly expr: string;
  readonly exprPos: number;
  readonly end: number;
}

/** The mustache tag starting at `pos`, if there is one. */
export function mustacheTagAt(text: string, pos: number): MustacheTag | undefined {
  TAG.lastIndex = pos;
  const m = TAG.exec(text);
  if (!m) return undefined;
  if (m[3]) return { op: '.', expr: '.', exprPos: pos + m[0].indexOf('.'), end: pos + m[0].length };
  const expr = m[2]!;
  if (expr === '') return undefined;
  return { op: m[1] as '#' | '^' | '/', expr, exprPos: pos + m[0].indexOf(expr, 3), end: pos + m[0].length };
}

/**
 * Mustache's standalone rule: a line holding only section tags and blanks disappears entirely
 * (its indentation and its line break). Returns where the line starts and where text resumes
 * after this tag, or undefined when the tag shares its line with other content.
 */
export function standaloneSpan(text: string, start: number, end: number): { lineStart: number; resume: number } | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl;
  if (!LINE_OF_TAGS.test(text.slice(lineStart, lineEnd))) return undefined;
  const rest = text.slice(end, lineEnd);
  const last = !rest.includes('{{');
  return { lineStart, resume: last ? (nl < 0 ? text.length : nl + 1) : end };
}
