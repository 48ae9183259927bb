// Ensure-path: creates the missing tail of a simple absolute path inside the deepest existing element.

import { serializeSpec, type ElementSpec } from './children.js';
import { escapeAttr } from './encoding.js';
import { XmlEditError } from './errors.js';
import { appendChildSplices } from './edit-ops.js';
import { parseSimplePath, pathPrefix, type PathStep, type SimplePath } from './simple-path.js';
import type { SrcElement, SrcNode } from './source-tree.js';
import { describeNode, selectNodes } from './xpath-eval.js';
import type { XmlText } from './xml-text.js';

/** What the edit that follows a creation would write into the created leaf: written at once, one re-parse less. */
export interface LeafFill {
  /** the edit's value */
  readonly value?: string;
  /** the edit's `attribute` argument */
  readonly attribute?: string;
}

/** Creates what `xpath` needs so that it matches (with FILL's value in the leaf); returns true when the text changed. */
export function ensurePath(doc: XmlText, xpath: string, namespaces: Record<string, string>, fill: LeafFill = {}): boolean {
  const parsed = parseSimplePath(xpath);
  if (typeof parsed === 'string') {
    throw new XmlEditError(`${doc.file}: XPath '${xpath}' matches nothing and is too complex to create (${parsed}); create the parent with a simpler path or use add_children`);
  }
  const { parent, parentDom, existing } = findDeepestExisting(doc, parsed, xpath, namespaces);
  const leaf = leafOf(parsed, fill);
  if (existing === parsed.steps.length) {
    // all elements exist: only the final attribute is missing
    return doc.apply(attributeSplice(doc, parent, leaf.attr!), `creating @${parsed.attribute}`);
  }
  const spec = specForSteps(parsed.steps.slice(existing), leaf, (step) => writtenName(doc, step, parentDom, namespaces, xpath));
  const layout = doc.layout();
  const anchor = findCommentedLookAlike(doc, parent, { ...parsed.steps[existing]!, name: spec.name });
  const splices = appendChildSplices(doc, parent, [(indent) => serializeSpec(spec, indent, layout)], anchor);
  return doc.apply(splices, `creating ${xpath}`);
}

interface Leaf {
  readonly attr?: readonly [string, string];
  readonly text?: string;
}

/**
 * The created leaf's attribute or text, as the edit would then set it: the path's own final @attribute
 * (its value, '' without one), else the `attribute` argument (not one the path's predicates name, nor a
 * prefixed or xmlns one), else the value as text when the leaf has no child predicates.
 */
function leafOf(p: SimplePath, fill: LeafFill): Leaf {
  if (p.attribute !== undefined) return { attr: [p.attribute, fill.attribute === undefined ? (fill.value ?? '') : ''] };
  const last = p.steps[p.steps.length - 1]!;
  if (fill.attribute !== undefined) {
    const plain = !fill.attribute.includes(':') && !fill.attribute.startsWith('xmlns') && !last.attrs.some(([k]) => k === fill.attribute);
    return plain ? { attr: [fill.attribute, fill.value ?? ''] } : {};
  }
  return fill.value !== undefined && !last.childTexts.length ? { text: fill.value } : {};
}

function findDeepestExisting(doc: XmlText, p: SimplePath, xpath: string, ns: Record<string, string>): { parent: SrcElement; parentDom: Element; existing: number } {
  for (let k = p.steps.length; k >= 1; k--) {
    const prefix = pathPrefix(p, k);
    const found = selectNodes(doc.dom, prefix, ns, doc.file);
    if (found.length > 1) {
      throw new XmlEditError(
        `${doc.file}: cannot create '${xpath}': its part '${prefix}' matches ${found.length} elements (${found.slice(0, 5).map(describeNode).join(', ')}); add a predicate so it matches one`,
      );
    }
    if (found.length === 1) return { parent: doc.sourceOf(found[0]!), parentDom: found[0] as Element, existing: k };
  }
  throw new XmlEditError(`${doc.file}: cannot create '${xpath}': the root element is <${doc.src.root.name}>, not <${p.steps[0]!.name}>${p.steps[0]!.attrs.length || p.steps[0]!.childTexts.length ? ' with those predicates' : ''}`);
}

type NameFor = (step: { name: string }) => { name: string; xmlns?: readonly [string, string] };

function specForSteps(steps: readonly PathStep[], leaf: Leaf, nameFor: NameFor): ElementSpec {
  const [first, ...rest] = steps;
  const { name, xmlns } = nameFor(first!);
  const attrs: (readonly [string, string])[] = xmlns ? [xmlns, ...first!.attrs] : [...first!.attrs];
  if (!rest.length && leaf.attr) attrs.push(leaf.attr);
  const children: ElementSpec[] = first!.childTexts.map(([child, text]) => ({ name: nameFor({ name: child }).name, attrs: [], text, children: [] }));
  // deeper steps inherit the declaration made here
  const inner: NameFor = xmlns ? (st) => ({ name: nameFor(st).name }) : nameFor;
  if (rest.length) children.push(specForSteps(rest, leaf, inner));
  // the text as setTextSplices writes it into a self-closing element: <name attrs>text</name>
  if (!rest.length && leaf.text !== undefined) return { name, attrs, text: leaf.text, children };
  return { name, attrs, children };
}

/**
 * How a created element's name is written: unprefixed names stay unprefixed (they join the default
 * namespace in scope); a prefixed name whose namespace is the default in scope is written without
 * prefix; a prefix the file does not declare in scope gets an xmlns:prefix declaration.
 */
function writtenName(doc: XmlText, step: { name: string }, parentDom: Element, ns: Record<string, string>, xpath: string): { name: string; xmlns?: readonly [string, string] } {
  const colon = step.name.indexOf(':');
  if (colon === -1) return { name: step.name };
  const prefix = step.name.slice(0, colon);
  const local = step.name.slice(colon + 1);
  const uri = ns[prefix] ?? parentDom.lookupNamespaceURI(prefix);
  if (!uri) throw new XmlEditError(`${doc.file}: XPath '${xpath}' uses the prefix '${prefix}' but no namespace is bound to it; add it to 'namespaces'`);
  // xmldom answers the default namespace for '' (the DOM standard says null)
  if ((parentDom.lookupNamespaceURI(null) ?? parentDom.lookupNamespaceURI('')) === uri) return { name: local };
  if (parentDom.lookupNamespaceURI(prefix) === uri) return { name: step.name };
  return { name: step.name, xmlns: [`xmlns:${prefix}`, uri] };
}

function attributeSplice(doc: XmlText, el: SrcElement, [name, value]: readonly [string, string]) {
  const at = el.attrs.length ? el.attrs[el.attrs.length - 1]!.end : el.start + 1 + el.name.length;
  return [{ start: at, end: at, text: ` ${name}="${escapeAttr(value, '"', doc.encoding)}"` }];
}

/**
 * A comment inside `parent` that holds a commented-out version of the element being created
 * (`<!--HostName>...` or `<!--parameter name="WSDLEPRPrefix" ...`): the new element goes right
 * after it, where the stock file documents it. The comment itself is never changed.
 */
export function findCommentedLookAlike(doc: XmlText, parent: SrcElement, step: PathStep): SrcNode | undefined {
  let found: SrcNode | undefined;
  for (const c of parent.children) {
    if (c.kind !== 'comment') continue;
    const body = doc.text.slice(c.start + 4, c.end - 3).trimStart().replace(/^</, '');
    if (!body.startsWith(step.name) || !/^[\s/>]/.test(body.slice(step.name.length))) continue;
    const firstTag = body.slice(0, body.search(/>|$/));
    if (step.attrs.every(([k, v]) => firstTag.includes(`${k}="${v}"`) || firstTag.includes(`${k}='${v}'`))) found = c;
  }
  return found;
}
