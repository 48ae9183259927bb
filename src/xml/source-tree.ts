// A small XML tokenizer that records the character offsets of every element, attribute, text and end tag.

import { XmlEditError, lineColAt } from './errors.js';

export interface SrcAttr {
  readonly name: string;
  /** offset of the attribute name (start of `name="value"`) */
  readonly start: number;
  /** offset just after the closing quote */
  readonly end: number;
  /** offsets of the raw value between the quotes */
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly quote: '"' | "'";
}

export interface SrcLeaf {
  readonly kind: 'text' | 'comment' | 'cdata' | 'pi' | 'doctype';
  readonly start: number;
  readonly end: number;
}

export interface SrcElement {
  readonly kind: 'element';
  readonly name: string;
  /** offset of `<` */
  readonly start: number;
  /** offset just after the `>` of the start tag */
  startTagEnd: number;
  /** offset of the `/>` or `>` that closes the start tag */
  tagCloseStart: number;
  selfClosing: boolean;
  readonly attrs: SrcAttr[];
  readonly children: SrcNode[];
  readonly parent: SrcElement | null;
  /** offset of `</` (equals startTagEnd when self-closing) */
  endTagStart: number;
  /** offset just after the end tag (or the self-closing start tag) */
  end: number;
}

export type SrcNode = SrcElement | SrcLeaf;

export interface SrcDocument {
  readonly text: string;
  readonly root: SrcElement;
}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_:.\u00B7\u00C0-\uFFFF]*/y;
const SPACE = /[ \t\r\n]*/y;

/** Tokenizes a whole document starting at `from` (after a byte-order mark); throws XmlEditError with line:col. */
export function parseSource(text: string, file: string, from = 0): SrcDocument {
  let i = from;
  let root: SrcElement | null = null;
  const stack: SrcElement[] = [];
  const fail = (msg: string, at: number): never => {
    const { line, col } = lineColAt(text, at);
    throw new XmlEditError(`${file}:${line}:${col}: not well-formed XML: ${msg}`);
  };
  const expectEnd = (close: string, at: number, what: string): number => {
    const j = text.indexOf(close, at);
    if (j === -1) fail(`unterminated ${what}`, at);
    return j + close.length;
  };
  const add = (node: SrcNode) => {
    const top = stack[stack.length - 1];
    if (top) top.children.push(node);
    else if (node.kind === 'text' && /\S/.test(text.slice(node.start, node.end))) {
      fail(root ? 'text after the root element' : 'text before the root element (is this an XML file?)', node.start + text.slice(node.start).search(/\S/));
    }
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const textEnd = lt === -1 ? text.length : lt;
    if (textEnd > i) add({ kind: 'text', start: i, end: textEnd });
    if (lt === -1) break;
    i = lt;
    if (text.startsWith('<!--', i)) {
      const end = expectEnd('-->', i + 4, 'comment');
      add({ kind: 'comment', start: i, end });
      i = end;
    } else if (text.startsWith('<![CDATA[', i)) {
      if (!stack.length) fail('CDATA outside the root element', i);
      const end = expectEnd(']]>', i + 9, 'CDATA section');
      add({ kind: 'cdata', start: i, end });
      i = end;
    } else if (text.startsWith('<?', i)) {
      const end = expectEnd('?>', i + 2, 'processing instruction');
      add({ kind: 'pi', start: i, end });
      i = end;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      if (stack.length || root) fail('DOCTYPE after the root element started', i);
      const end = skipDoctype(text, i, fail);
      add({ kind: 'doctype', start: i, end });
      i = end;
    } else if (text.startsWith('</', i)) {
      NAME.lastIndex = i + 2;
      const m = NAME.exec(text) ?? fail('bad end tag', i);
      SPACE.lastIndex = NAME.lastIndex;
      SPACE.exec(text);
      if (text[SPACE.lastIndex] !== '>') fail(`end tag </${m[0]}> is not closed by '>'`, i);
      const open = stack.pop() ?? fail(`end tag </${m[0]}> without a start tag`, i);
      if (open.name !== m[0]) fail(`end tag </${m[0]}> does not match <${open.name}>`, i);
      open.endTagStart = i;
      open.end = SPACE.lastIndex + 1;
      i = open.end;
    } else {
      const el = readStartTag(text, i, stack[stack.length - 1] ?? null, fail);
      if (!stack.length) {
        if (root) fail(`a second root element <${el.name}>`, i);
        root = el;
      } else add(el);
      if (!el.selfClosing) stack.push(el);
      i = el.startTagEnd;
    }
  }
  if (stack.length) fail(`<${stack[stack.length - 1]!.name}> is never closed`, stack[stack.length - 1]!.start);
  if (!root) fail('no root element', from);
  return { text, root: root! };
}

function readStartTag(text: string, at: number, parent: SrcElement | null, fail: (m: string, at: number) => never): SrcElement {
  NAME.lastIndex = at + 1;
  const m = NAME.exec(text) ?? fail("'<' that does not start a tag (write &lt; in text)", at);
  let i = NAME.lastIndex;
  const attrs: SrcAttr[] = [];
  for (;;) {
    SPACE.lastIndex = i;
    SPACE.exec(text);
    const spaced = SPACE.lastIndex > i;
    i = SPACE.lastIndex;
    if (text.startsWith('/>', i) || text[i] === '>') break;
    if (!spaced) fail(`expected whitespace, '>' or '/>' in <${m[0]}>`, i);
    NAME.lastIndex = i;
    const an = NAME.exec(text) ?? fail(`bad attribute in <${m[0]}>`, i);
    SPACE.lastIndex = NAME.lastIndex;
    SPACE.exec(text);
    if (text[SPACE.lastIndex] !== '=') fail(`attribute ${an[0]} has no value`, i);
    SPACE.lastIndex += 1;
    SPACE.exec(text);
    const q = text[SPACE.lastIndex];
    if (q !== '"' && q !== "'") fail(`value of attribute ${an[0]} is not quoted`, SPACE.lastIndex);
    const valueStart = SPACE.lastIndex + 1;
    const valueEnd = text.indexOf(q!, valueStart);
    if (valueEnd === -1) fail(`unterminated value of attribute ${an[0]}`, valueStart);
    if (text.slice(valueStart, valueEnd).includes('<')) fail(`'<' in the value of attribute ${an[0]}`, valueStart);
    if (attrs.some((a) => a.name === an[0])) fail(`attribute ${an[0]} given twice`, i);
    attrs.push({ name: an[0], start: i, end: valueEnd + 1, valueStart, valueEnd, quote: q as '"' | "'" });
    i = valueEnd + 1;
  }
  const selfClosing = text[i] === '/';
  const startTagEnd = i + (selfClosing ? 2 : 1);
  return {
    kind: 'element', name: m[0], start: at, startTagEnd, tagCloseStart: i, selfClosing, attrs, children: [], parent,
    endTagStart: startTagEnd, end: startTagEnd,
  };
}

function skipDoctype(text: string, at: number, fail: (m: string, at: number) => never): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = at + 2; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth === 0) return i + 1;
  }
  return fail('unterminated DOCTYPE', at);
}

/** The element children of an element, in document order. */
export function elementChildren(el: SrcElement): SrcElement[] {
  return el.children.filter((c): c is SrcElement => c.kind === 'element');
}
