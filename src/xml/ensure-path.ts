// Ensure-path: creates the missing tail of a simple absolute path inside the deepest existing element.

import { serializeSpec, type ElementSpec } from './children.js';
import { XmlEditError } from './errors.js';
import { appendChildSplices } from './edit-ops.js';
import { parseSimplePath, pathPrefix, type PathStep, type SimplePath } from './simple-path.js';
import type { SrcElement, SrcNode } from './source-tree.js';
import { describeNode, selectNodes } from './xpath-eval.js';
import type { XmlText } from './xml-text.js';

/**
 * Creates what `xpath` needs so that it matches; returns true when the text changed. `text`: the
 * created leaf's text (written as the value edit that follows would write it, one re-parse less);
 * ignored when the path ends in an attribute or its last step has child predicates.
 */
export function ensurePath(doc: XmlText, xpath: string, namespaces: Record<string, string>, text?: string): boolean {
  const parsed = parseSimplePath(xpath);
  if (typeof parsed === 'string') {
    throw new XmlEditError(`${doc.file}: XPath '${xpath}' matches nothing and is too complex to create (${parsed}); create the parent with a simpler path or use add_children`);
  }
  const { parent, parentDom, existing } = findDeepestExisting(doc, parsed, xpath, namespaces);
  if (existing === parsed.steps.length) {
    // all elements exist: only the final attribute is missing
    return doc.apply(attributeSplice(doc, parent, parsed.attribute!), `creating @${parsed.attribute}`);
  }
  const spec = specForSteps(parsed.steps.slice(existing), parsed.attribute, (step) => writtenName(doc, step, parentDom, namespaces, xpath), text);
  const layout = doc.layout();
  const anchor = findCommentedLookAlike(doc, parent, { ...parsed.steps[existing]!, name: spec.name });
  const splices = appendChildSplices(doc, parent, [(indent) => serializeSpec(spec, indent, layout)], anchor);
  return doc.apply(splices, `creating ${xpath}`);
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

function specForSteps(steps: readonly PathStep[], attribute: string | undefined, nameFor: NameFor, text?: string): ElementSpec {
  const [first, ...rest] = steps;
  // the leaf's text as setTextSplices writes it into a self-closing element: <name attrs>text</name>
  if (!rest.length && attribute === undefined && text !== undefined && !first!.childTexts.length) {
    const { name, xmlns } = nameFor(first!);
    return { name, attrs: xmlns ? [xmlns, ...first!.attrs] : [...first!.attrs], text, children: [] };
  }
  const { name, xmlns } = nameFor(first!);
  const attrs: (readonly [string, string])[] = xmlns ? [xmlns, ...first!.attrs] : [...first!.attrs];
  if (!rest.length && attribute) attrs.push([attribute, '']);
  const children: ElementSpec[] = first!.childTexts.map(([child, text]) => ({ name: nameFor({ name: child }).name, attrs: [], text, children: [] }));
  // deeper steps inherit the declaration made here
  const inner: NameFor = xmlns ? (st) => ({ name: nameFor(st).name }) : nameFor;
  if (rest.length) children.push(specForSteps(rest, attribute, inner, text));
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

function attributeSplice(doc: XmlText, el: SrcElement, name: string) {
  const at = el.attrs.length ? el.attrs[el.attrs.length - 1]!.end : el.start + 1 + el.name.length;
  return [{ start: at, end: at, text: ` ${name}=""` }];
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
