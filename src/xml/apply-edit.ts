// Applies one edit (value, attribute, absent, set/add children, insert before/after) to an XmlText.

import { parseChildSpec, serializeSpec, specMatches, type ElementSpec } from './children.js';
import { domElementChildren } from './dom.js';
import {
  appendChildSplices, insertSiblingSplices, removeAttrSplices, removeNodeSplices, replaceChildrenSplices, setAttrSplices, setTextSplices,
} from './edit-ops.js';
import { ensurePath } from './ensure-path.js';
import { XmlEditError } from './errors.js';
import { describeNode, selectNodes } from './xpath-eval.js';
import type { Splice, XmlText } from './xml-text.js';

export interface XmlEdit {
  readonly xpath: string;
  /** element text, or the attribute's value when `attribute` is set */
  readonly value?: string;
  readonly attribute?: string;
  readonly state?: 'present' | 'absent';
  readonly setChildren?: readonly unknown[];
  readonly addChildren?: readonly unknown[];
  readonly inputType?: 'yaml' | 'xml';
  readonly insertBefore?: boolean;
  readonly insertAfter?: boolean;
  /** allow the edit to change every match (otherwise more than one match fails) */
  readonly multiple?: boolean;
}

export interface EditOutcome {
  readonly xpath: string;
  readonly changed: boolean;
  /** elements created by ensure-path */
  readonly created: boolean;
  /** nodes the XPath matched before the edit */
  readonly count: number;
}

/** Rejects argument combinations that have no meaning; messages name the XPath. */
export function checkEdit(e: XmlEdit, where: string): void {
  const bad = (m: string): never => {
    throw new XmlEditError(`${where}: ${m} (xpath '${e.xpath}')`);
  };
  const given = (['value', 'setChildren', 'addChildren'] as const).filter((k) => e[k] !== undefined);
  if (given.length > 1) bad(`${given.map(argName).join(' and ')} cannot be used together`);
  if (e.state === 'absent' && given.length) bad(`state: absent cannot be combined with ${argName(given[0]!)}`);
  if (e.attribute !== undefined && (e.setChildren || e.addChildren)) bad('attribute cannot be combined with set_children or add_children');
  if ((e.insertBefore || e.insertAfter) && !e.addChildren) bad('insertbefore/insertafter need add_children');
  if (e.insertBefore && e.insertAfter) bad('insertbefore and insertafter cannot both be set');
  const illegal = e.value === undefined ? null : /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(e.value);
  if (illegal) bad(`value contains U+${illegal[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, a character XML 1.0 does not allow`);
}

function argName(k: string): string {
  return k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Applies the edit to `doc` in place; throws XmlEditError for anything that should fail the task. */
export function applyEdit(doc: XmlText, e: XmlEdit, ns: Record<string, string>): EditOutcome {
  checkEdit(e, doc.file);
  const specs = (e.setChildren ?? e.addChildren ?? []).map((c, i) => parseChildSpec(c, e.inputType ?? 'yaml', `${doc.file}: xpath '${e.xpath}': ${e.setChildren ? 'set_children' : 'add_children'}[${i}]`));
  let nodes = selectNodes(doc.dom, e.xpath, ns, doc.file);
  const count = nodes.length;
  const what = `xpath '${e.xpath}'`;
  let created = false;
  if (e.state !== 'absent' && nodes.length === 0) {
    if (e.insertBefore || e.insertAfter) throw new XmlEditError(`${doc.file}: XPath '${e.xpath}' matches nothing, so there is nothing to insert ${e.insertBefore ? 'before' : 'after'}`);
    // a created leaf gets its value at once (the same bytes as setting it after: one re-parse instead of two)
    created = ensurePath(doc, e.xpath, ns, specs.length ? {} : { value: e.value, attribute: e.attribute });
    nodes = selectNodes(doc.dom, e.xpath, ns, doc.file);
    if (nodes.length !== 1) throw new XmlEditError(`${doc.file}: XPath '${e.xpath}' still matches ${nodes.length} nodes after creating it; simplify the path`);
  }
  if (nodes.length > 1 && !e.multiple) {
    throw new XmlEditError(
      `${doc.file}: XPath '${e.xpath}' matches ${nodes.length} nodes (${nodes.slice(0, 6).map(describeNode).join(', ')}${nodes.length > 6 ? ', ...' : ''}); ` +
        'an edit must match one: add a predicate such as [@name=\'...\'], or set multiple: true to change them all',
    );
  }
  const splices = nodes.flatMap((n) => (e.state === 'absent' ? absentSplices(doc, n, e) : presentSplices(doc, n, e, specs)));
  const changed = doc.apply(splices, what) || created;
  return { xpath: e.xpath, changed, created, count };
}

function elementOf(doc: XmlText, n: Node, e: XmlEdit): Element {
  if (n.nodeType === 1) return n as Element;
  if (n.nodeType === 3 || n.nodeType === 4) return n.parentNode as Element;
  throw new XmlEditError(`${doc.file}: XPath '${e.xpath}' selects ${describeNode(n)}; select an element here`);
}

function absentSplices(doc: XmlText, n: Node, e: XmlEdit): Splice[] {
  if (n.nodeType === 2) {
    if (e.attribute !== undefined) throw new XmlEditError(`${doc.file}: XPath '${e.xpath}' already selects an attribute; drop 'attribute' or select the element`);
    return removeAttrSplices(doc, doc.sourceOf(n), n.nodeName);
  }
  const el = elementOf(doc, n, e);
  if (e.attribute !== undefined) return removeAttrSplices(doc, doc.sourceOf(el), e.attribute);
  const src = doc.sourceOf(el);
  if (!src.parent) throw new XmlEditError(`${doc.file}: XPath '${e.xpath}' selects the root element <${src.name}>, which cannot be removed`);
  return removeNodeSplices(doc, src);
}

function presentSplices(doc: XmlText, n: Node, e: XmlEdit, specs: readonly ElementSpec[]): Splice[] {
  if (n.nodeType === 2) {
    if (e.attribute !== undefined || specs.length) throw new XmlEditError(`${doc.file}: XPath '${e.xpath}' selects an attribute; only 'value' applies to it`);
    const owner = (n as Attr).ownerElement!;
    return e.value === undefined ? [] : setAttrSplices(doc, doc.sourceOf(owner), n.nodeName, e.value, owner.getAttribute(n.nodeName));
  }
  const el = elementOf(doc, n, e);
  const src = doc.sourceOf(el);
  if (e.attribute !== undefined) {
    const current = el.hasAttribute(e.attribute) ? el.getAttribute(e.attribute) : null;
    // without a value the attribute only has to exist (Ansible: attributes default to an empty string)
    const value = e.value ?? current ?? '';
    return setAttrSplices(doc, src, e.attribute, value, current);
  }
  if (e.value !== undefined) return setTextSplices(doc, el, src, e.value, e.xpath);
  const layout = doc.layout();
  const blocks = (list: readonly ElementSpec[]) => list.map((s) => (indent: string) => serializeSpec(s, indent, layout));
  if (e.setChildren) {
    const kids = domElementChildren(el);
    const same = kids.length === specs.length && specs.every((s, i) => specMatches(s, kids[i]!));
    return same ? [] : replaceChildrenSplices(doc, src, blocks(specs));
  }
  if (e.addChildren) {
    const siblingsOf = e.insertBefore || e.insertAfter ? (el.parentNode as Element) : el;
    const existing = domElementChildren(siblingsOf);
    const missing = specs.filter((s) => !existing.some((k) => specMatches(s, k)));
    if (e.insertBefore || e.insertAfter) return insertSiblingSplices(doc, src, blocks(missing), e.insertBefore ? 'before' : 'after');
    return appendChildSplices(doc, src, blocks(missing));
  }
  return [];
}
