// XPath 1.0 evaluation (the `xpath` package) with the default-namespace rule and clear errors.

import xpath from 'xpath';
import { XmlEditError } from './errors.js';
import { LruCache } from './lru-cache.js';
import type { DomDocument } from './dom.js';

/** The part of the xpath package's untyped `parse()` result that we use. */
interface ParsedXPath {
  evaluate(options: { node: Node; namespaces: Record<string, string>; allowAnyNamespaceForNoPrefix: boolean }): { nodeset(): { toArray(): Node[] } };
}
const parseXPath = (xpath as unknown as { parse(expr: string): ParsedXPath }).parse;

/** Compiled expressions by text: a playbook uses the same few XPaths on every host (evaluation keeps no state in them). */
const COMPILED = new LruCache<string, ParsedXPath>(1024);

/** Compiles an XPath expression or throws a message naming the file and the expression. */
export function compileXPath(expr: string, file: string): ParsedXPath {
  const known = COMPILED.get(expr);
  if (known) return known;
  try {
    const compiled = parseXPath(expr);
    COMPILED.set(expr, compiled);
    return compiled;
  } catch (e) {
    throw new XmlEditError(`${file}: XPath '${expr}' does not compile: ${(e as Error).message}`);
  }
}

/** Namespace declarations (prefix -> URI) written on the root element; used when `namespaces` lacks a prefix. */
export function rootNamespaces(doc: DomDocument): Record<string, string> {
  const out: Record<string, string> = {};
  const root = doc.documentElement;
  for (let i = 0; i < root.attributes.length; i++) {
    const a = root.attributes.item(i)!;
    if (a.name.startsWith('xmlns:')) out[a.name.slice(6)] = a.value;
  }
  return out;
}

/**
 * Selects nodes. Unprefixed element names match elements written without a prefix, whatever
 * default namespace is in scope (`/Server/HostName` works on carbon.xml); prefixed names
 * resolve through `namespaces`, then through declarations on the root element.
 */
export function selectNodes(doc: DomDocument, expr: string, namespaces: Record<string, string>, file: string): Node[] {
  const compiled = compileXPath(expr, file);
  const bound = { ...rootNamespaces(doc), ...namespaces };
  let result;
  try {
    result = compiled.evaluate({ node: doc, namespaces: bound, allowAnyNamespaceForNoPrefix: true });
  } catch (e) {
    const msg = (e as Error).message;
    const unbound = /Cannot resolve QName (\S+)/.exec(msg);
    if (unbound) {
      throw new XmlEditError(
        `${file}: XPath '${expr}' uses the prefix '${unbound[1]}' but no namespace is bound to it; add it to 'namespaces' (prefix: URI)` +
          (Object.keys(bound).length ? ` (bound now: ${Object.keys(bound).join(', ')})` : ''),
      );
    }
    throw new XmlEditError(`${file}: XPath '${expr}' cannot be evaluated: ${msg}`);
  }
  let nodes: Node[];
  try {
    nodes = result.nodeset().toArray();
  } catch {
    throw new XmlEditError(`${file}: XPath '${expr}' returns a value, not nodes; select elements, attributes or text()`);
  }
  return nodes;
}

/** Describes a matched node for messages: `<tag> at line N`. */
export function describeNode(n: Node): string {
  const line = (n as unknown as { lineNumber?: number }).lineNumber;
  const at = line ? ` at line ${line}` : '';
  if (n.nodeType === 2) return `@${n.nodeName}${at}`;
  if (n.nodeType === 1) return `<${n.nodeName}>${at}`;
  return `${n.nodeName}${at}`;
}
