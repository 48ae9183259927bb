// Public API of the byte-preserving XML editor: edit file bytes with XPath, read matches.

import { applyEdit, type EditOutcome, type XmlEdit } from './apply-edit.js';
import { XmlText } from './xml-text.js';
import { selectNodes } from './xpath-eval.js';

export { XmlEditError } from './errors.js';
export { checkEdit, type XmlEdit, type EditOutcome } from './apply-edit.js';
export { XmlText } from './xml-text.js';

export interface EditResult {
  /** the new bytes; the very same Buffer as the input when nothing changed */
  readonly bytes: Buffer;
  readonly changed: boolean;
  readonly outcomes: readonly EditOutcome[];
}

/** Applies edits in order to one file's bytes; everything outside the edited nodes stays byte-identical. */
export function editXmlBytes(bytes: Buffer, file: string, edits: readonly XmlEdit[], namespaces: Record<string, string> = {}): EditResult {
  const doc = XmlText.fromBytes(bytes, file);
  const outcomes = edits.map((e) => applyEdit(doc, e, namespaces));
  const changed = outcomes.some((o) => o.changed);
  if (!changed) return { bytes, changed, outcomes };
  const out = doc.toBytes();
  return out.equals(bytes) ? { bytes, changed: false, outcomes } : { bytes: out, changed: true, outcomes };
}

export type MatchContent = 'attribute' | 'text';

/** Ansible-style matches: {tag: {attrs}} (or {tag: text} with content 'text'), {attr: value} for attributes, text for text nodes. */
export function readMatches(bytes: Buffer, file: string, xpath: string, namespaces: Record<string, string> = {}, content?: MatchContent): { count: number; matches: unknown[] } {
  const doc = XmlText.fromBytes(bytes, file);
  const nodes = selectNodes(doc.dom, xpath, namespaces, file);
  return { count: nodes.length, matches: nodes.map((n) => describeMatch(n, content)) };
}

function describeMatch(n: Node, content?: MatchContent): unknown {
  if (n.nodeType === 2) return { [n.nodeName]: (n as Attr).value };
  if (n.nodeType !== 1) return n.nodeValue ?? '';
  const el = n as Element;
  if (content === 'text') return { [el.nodeName]: el.textContent ?? '' };
  const attrs: Record<string, string> = {};
  for (let i = 0; i < el.attributes.length; i++) attrs[el.attributes.item(i)!.name] = el.attributes.item(i)!.value;
  return { [el.nodeName]: attrs };
}
