// Minimal text splices for each kind of change: text, attributes, removal, inserted and replaced children.

import { escapeAttr, escapeText } from './encoding.js';
import { XmlEditError } from './errors.js';
import { childIndent, indentOf, isBlank, occupiesOwnLines } from './layout.js';
import type { SrcElement, SrcNode } from './source-tree.js';
import type { Splice, XmlText } from './xml-text.js';

/** Splices that make the element's text `value` ([] when it already is). */
export function setTextSplices(doc: XmlText, dom: Element, el: SrcElement, value: string, xpath: string): Splice[] {
  if (el.children.some((c) => c.kind === 'element')) {
    throw new XmlEditError(`${doc.file}: XPath '${xpath}' selects <${el.name}>, which has child elements; set text only on a leaf element, or use set_children`);
  }
  if ((dom.textContent ?? '') === value) return [];
  const t = doc.text;
  if (el.selfClosing) return [{ start: el.tagCloseStart, end: el.startTagEnd, text: `>${escapeText(value, doc.encoding)}</${el.name}>` }];
  const texts = el.children.filter((c) => c.kind === 'text' || c.kind === 'cdata');
  const first = texts[0];
  if (!first) return [{ start: el.startTagEnd, end: el.startTagEnd, text: escapeText(value, doc.encoding) }];
  const firstText = first.kind === 'cdata' && !value.includes(']]>') ? `<![CDATA[${value}]]>` : escapeText(value, doc.encoding);
  // keep comments and processing instructions inside the element; only text and CDATA are replaced
  return [{ start: first.start, end: first.end, text: firstText }, ...texts.slice(1).map((n) => ({ start: n.start, end: n.end, text: '' }))].filter(
    (s) => t.slice(s.start, s.end) !== s.text,
  );
}

/** Splices that set one attribute; a new attribute follows the start tag's own layout. */
export function setAttrSplices(doc: XmlText, el: SrcElement, name: string, value: string, current: string | null): Splice[] {
  if (current === value) return [];
  const attr = el.attrs.find((a) => a.name === name);
  if (attr) return [{ start: attr.valueStart, end: attr.valueEnd, text: escapeAttr(value, attr.quote, doc.encoding) }];
  const t = doc.text;
  const written = `${name}="${escapeAttr(value, '"', doc.encoding)}"`;
  const last = el.attrs[el.attrs.length - 1];
  if (last && el.attrs.length >= 2) {
    const prevEnd = el.attrs[el.attrs.length - 2]!.end;
    const gap = t.slice(prevEnd, last.start);
    const nl = gap.lastIndexOf('\n');
    if (nl !== -1) {
      // one attribute per line: the new one gets its own line just before the last attribute, so the diff is one added line
      const lineBreak = gap.slice(gap[nl - 1] === '\r' ? nl - 1 : nl);
      return [{ start: last.start, end: last.start, text: written + lineBreak }];
    }
  }
  const at = last ? last.end : el.start + 1 + el.name.length;
  return [{ start: at, end: at, text: ` ${written}` }];
}

/** Splices that remove an attribute: its whole line when it has one to itself, else it and the whitespace before it. */
export function removeAttrSplices(doc: XmlText, el: SrcElement, name: string): Splice[] {
  const idx = el.attrs.findIndex((a) => a.name === name);
  if (idx === -1) return [];
  const attr = el.attrs[idx]!;
  const t = doc.text;
  const nl = t.indexOf('\n', attr.end);
  if (occupiesOwnLines(t, attr) && nl !== -1 && nl < el.tagCloseStart) {
    return [{ start: t.lastIndexOf('\n', attr.start - 1) + 1, end: nl + 1, text: '' }];
  }
  const from = idx === 0 ? el.start + 1 + el.name.length : el.attrs[idx - 1]!.end;
  return [{ start: from, end: attr.end, text: '' }];
}

/** Splices that remove a node; a node alone on its lines takes those lines with it. */
export function removeNodeSplices(doc: XmlText, node: SrcNode): Splice[] {
  const t = doc.text;
  if (occupiesOwnLines(t, node)) {
    const lineStart = t.lastIndexOf('\n', node.start - 1) + 1;
    const nl = t.indexOf('\n', node.end);
    if (nl !== -1) return [{ start: lineStart, end: nl + 1, text: '' }];
    // last line of the file: take the line break before it instead
    const prevBreak = lineStart > 0 ? lineStart - (t[lineStart - 2] === '\r' ? 2 : 1) : lineStart;
    return [{ start: prevBreak, end: t.length, text: '' }];
  }
  return [{ start: node.start, end: node.end, text: '' }];
}

/** Where the next child goes: after `anchor` when given, else after the last non-blank child. */
export function appendChildSplices(doc: XmlText, parent: SrcElement, blocks: readonly ((indent: string) => string)[], anchor?: SrcNode): Splice[] {
  if (!blocks.length) return [];
  const t = doc.text;
  const { newline, unit } = doc.layout();
  const indent = childIndent(doc.src, parent, unit);
  const body = blocks.map((b) => newline + indent + b(indent)).join('');
  const real = parent.children.filter((c) => !isBlank(t, c));
  const after = anchor ?? real[real.length - 1];
  const inline = !t.slice(parent.startTagEnd, parent.endTagStart).includes('\n');
  // a parent written on one line (<a><b/></a>) gets the new child on that line too
  if (after && inline) return [{ start: after.end, end: after.end, text: blocks.map((b) => b('')).join('') }];
  if (after) return [{ start: after.end, end: after.end, text: body }];
  const parentIndent = indentOf(t, parent);
  if (parent.selfClosing) {
    return [{ start: parent.tagCloseStart, end: parent.startTagEnd, text: `>${body}${newline}${parentIndent}</${parent.name}>` }];
  }
  const content = t.slice(parent.startTagEnd, parent.endTagStart);
  const closing = content.includes('\n') ? '' : newline + parentIndent;
  return [{ start: parent.startTagEnd, end: parent.startTagEnd, text: body + closing }];
}

/** Splices that insert sibling blocks right before or after a node, on their own lines. */
export function insertSiblingSplices(doc: XmlText, node: SrcElement, blocks: readonly ((indent: string) => string)[], where: 'before' | 'after'): Splice[] {
  if (!blocks.length) return [];
  if (!node.parent) throw new XmlEditError(`${doc.file}: cannot insert siblings of the root element <${node.name}>`);
  const { newline } = doc.layout();
  const indent = indentOf(doc.text, node);
  const lines = blocks.map((b) => b(indent));
  if (where === 'before') return [{ start: node.start, end: node.start, text: lines.map((l) => l + newline + indent).join('') }];
  return [{ start: node.end, end: node.end, text: lines.map((l) => newline + indent + l).join('') }];
}

/** Splices that replace all content of an element with blocks, each on its own line. */
export function replaceChildrenSplices(doc: XmlText, el: SrcElement, blocks: readonly ((indent: string) => string)[]): Splice[] {
  const t = doc.text;
  const { newline, unit } = doc.layout();
  const indent = childIndent(doc.src, el, unit);
  const parentIndent = indentOf(t, el);
  const body = blocks.length ? blocks.map((b) => newline + indent + b(indent)).join('') + newline + parentIndent : '';
  if (el.selfClosing) return body ? [{ start: el.tagCloseStart, end: el.startTagEnd, text: `>${body}</${el.name}>` }] : [];
  return [{ start: el.startTagEnd, end: el.endTagStart, text: body }];
}
