// Parses text with @xmldom/xmldom (strictly) and maps its element nodes to the source tree's offsets.

import { DOMParser } from '@xmldom/xmldom';
import { XmlEditError } from './errors.js';
import { elementChildren, type SrcDocument, type SrcElement } from './source-tree.js';

// xmldom's own node types are structurally close to lib.dom's; the xpath package wants the latter.
export type DomDocument = Document;
export type DomElement = Element;

/** Parses with xmldom; any error or fatal error becomes an XmlEditError naming the file. */
export function parseDom(text: string, file: string): DomDocument {
  const problems: string[] = [];
  let doc: unknown;
  try {
    doc = new DOMParser({
      locator: true,
      onError: (level: string, msg: string) => {
        if (level !== 'warning') problems.push(msg.replace(/\s*@#\[line:(\d+),col:(\d+)\]/, ' (line $1, column $2)'));
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    if (!problems.length) problems.push((e as Error).message);
  }
  if (problems.length) throw new XmlEditError(`${file}: not well-formed XML: ${[...new Set(problems)].join('; ')}`);
  return doc as DomDocument;
}

/** Pairs every DOM element with the source element at the same place (both trees come from the same text). */
export function mapElements(doc: DomDocument, src: SrcDocument, file: string): Map<Node, SrcElement> {
  const map = new Map<Node, SrcElement>();
  const walk = (d: Element, s: SrcElement) => {
    if (d.nodeName !== s.name) throw new XmlEditError(`${file}: internal error: tokenizer and DOM disagree at <${s.name}> (this is a bug)`);
    map.set(d, s);
    const dk = domElementChildren(d);
    const sk = elementChildren(s);
    if (dk.length !== sk.length) throw new XmlEditError(`${file}: internal error: tokenizer and DOM disagree inside <${s.name}> (this is a bug)`);
    for (let i = 0; i < dk.length; i++) walk(dk[i]!, sk[i]!);
  };
  if (!doc.documentElement) throw new XmlEditError(`${file}: not well-formed XML: no root element`);
  walk(doc.documentElement, src.root);
  return map;
}

export function domElementChildren(el: Node): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as Element);
  return out;
}
