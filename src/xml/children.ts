// Child element specs (Ansible-style YAML mappings or XML fragments): parse, serialize natively, compare with the DOM.

import { domElementChildren, parseDom } from './dom.js';
import { escapeAttr, escapeText, type ByteEncoding } from './encoding.js';
import { XmlEditError } from './errors.js';

export interface ElementSpec {
  readonly name: string;
  readonly attrs: readonly (readonly [string, string])[];
  /** text content; undefined when the element has children or is empty */
  readonly text?: string;
  readonly children: readonly ElementSpec[];
}

/** Converts scalars the way YAML users expect in XML: true -> 'true', 4200 -> '4200'. */
export function scalarText(v: unknown, what: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new XmlEditError(`${what} must be a string, number or boolean`);
}

/** Parses one child given as a tag name, an XML fragment, or a one-key mapping {tag: text | {attr: v, _: [children]}}. */
export function parseChildSpec(child: unknown, inputType: 'yaml' | 'xml', what: string): ElementSpec {
  if (inputType === 'xml' || (typeof child === 'string' && child.trimStart().startsWith('<'))) {
    if (typeof child !== 'string') throw new XmlEditError(`${what}: with input_type xml every child must be an XML string`);
    return parseFragment(child, what);
  }
  if (typeof child === 'string') return { name: checkName(child.trim(), what), attrs: [], children: [] };
  if (!child || typeof child !== 'object' || Array.isArray(child)) {
    throw new XmlEditError(`${what}: a child must be a tag name, an XML fragment or a mapping {tag: ...}`);
  }
  const entries = Object.entries(child);
  if (entries.length !== 1) throw new XmlEditError(`${what}: a child mapping must have exactly one key (the tag), got ${entries.length}`);
  const [name, body] = entries[0]!;
  checkName(name, what);
  if (body === null || body === undefined) return { name, attrs: [], children: [] };
  if (typeof body !== 'object' || Array.isArray(body)) return { name, attrs: [], text: scalarText(body, `${what}.${name}`), children: [] };
  const attrs: [string, string][] = [];
  let children: ElementSpec[] = [];
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_') {
      if (!Array.isArray(v)) throw new XmlEditError(`${what}.${name}._ must be a list of children`);
      children = v.map((c, i) => parseChildSpec(c, 'yaml', `${what}.${name}._[${i}]`));
    } else attrs.push([checkName(k, what), scalarText(v, `${what}.${name}.${k}`)]);
  }
  return { name, attrs, children };
}

function checkName(name: string, what: string): string {
  if (!/^[A-Za-z_][-A-Za-z0-9_.]*(:[A-Za-z_][-A-Za-z0-9_.]*)?$/.test(name)) throw new XmlEditError(`${what}: '${name}' is not a valid element or attribute name`);
  return name;
}

function parseFragment(xml: string, what: string): ElementSpec {
  let doc;
  try {
    doc = parseDom(xml.trim(), `${what} (XML fragment)`);
  } catch (e) {
    throw new XmlEditError((e as Error).message);
  }
  return specFromDom(doc.documentElement, what);
}

function specFromDom(el: Element, what: string): ElementSpec {
  const attrs: [string, string][] = [];
  for (let i = 0; i < el.attributes.length; i++) attrs.push([el.attributes.item(i)!.name, el.attributes.item(i)!.value]);
  const kids = domElementChildren(el);
  if (kids.length) {
    if (/\S/.test(directText(el))) throw new XmlEditError(`${what}: <${el.nodeName}> mixes text and child elements, which children cannot express`);
    return { name: el.nodeName, attrs, children: kids.map((k) => specFromDom(k, what)) };
  }
  const text = el.textContent ?? '';
  return text === '' ? { name: el.nodeName, attrs, children: [] } : { name: el.nodeName, attrs, text, children: [] };
}

function directText(el: Element): string {
  let t = '';
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 3 || c.nodeType === 4) t += c.nodeValue ?? '';
  return t;
}

export interface Layout {
  readonly newline: string;
  readonly unit: string;
  readonly encoding: ByteEncoding;
}

/** Serializes a spec; nested children go on their own lines, each level indented by one unit. */
export function serializeSpec(spec: ElementSpec, indent: string, layout: Layout): string {
  const attrs = spec.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v, '"', layout.encoding)}"`).join('');
  if (spec.children.length) {
    const inner = indent + layout.unit;
    const body = spec.children.map((c) => layout.newline + inner + serializeSpec(c, inner, layout)).join('');
    return `<${spec.name}${attrs}>${body}${layout.newline}${indent}</${spec.name}>`;
  }
  if (spec.text !== undefined && spec.text !== '') return `<${spec.name}${attrs}>${escapeText(spec.text, layout.encoding)}</${spec.name}>`;
  return `<${spec.name}${attrs}/>`;
}

/** True when the DOM element has the spec's name, exactly its attributes, and the same text or children. */
export function specMatches(spec: ElementSpec, el: Element): boolean {
  if (el.nodeName !== spec.name || el.attributes.length !== spec.attrs.length) return false;
  for (const [k, v] of spec.attrs) if (!el.hasAttribute(k) || el.getAttribute(k) !== v) return false;
  const kids = domElementChildren(el);
  if (spec.children.length || kids.length) {
    return kids.length === spec.children.length && spec.children.every((c, i) => specMatches(c, kids[i]!));
  }
  return (el.textContent ?? '') === (spec.text ?? '') || (spec.text === undefined && !/\S/.test(el.textContent ?? ''));
}
