// Reads the file's own layout (line ending, indentation of siblings, indent step) so inserted text looks native.

import type { SrcDocument, SrcElement, SrcNode } from './source-tree.js';

/** '\r\n' when the file uses CRLF line endings, else '\n'. */
export function detectNewline(text: string): string {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1;
  return crlf > 0 && crlf * 2 >= lf ? '\r\n' : '\n';
}

/** The whitespace before `offset` on its line when nothing else precedes it there, else null. */
export function ownLineIndent(text: string, offset: number): string | null {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : null;
}

/** The most common indentation step between an element and its children (4 spaces when unknown). */
export function detectIndentUnit(doc: SrcDocument): string {
  const votes = new Map<string, number>();
  const walk = (el: SrcElement, indent: string | null) => {
    for (const c of el.children) {
      if (c.kind !== 'element') continue;
      const ci = ownLineIndent(doc.text, c.start);
      if (indent !== null && ci !== null && ci.length > indent.length && ci.startsWith(indent)) {
        const step = ci.slice(indent.length);
        votes.set(step, (votes.get(step) ?? 0) + 1);
      }
      walk(c, ci);
    }
  };
  walk(doc.root, ownLineIndent(doc.text, doc.root.start));
  let best = '    ';
  let bestVotes = 0;
  for (const [step, n] of votes) if (n > bestVotes || (n === bestVotes && step.length < best.length)) [best, bestVotes] = [step, n];
  return best;
}

/** Indentation of an element's own line ('' when it is not alone at the start of its line). */
export function indentOf(text: string, node: SrcNode): string {
  return ownLineIndent(text, node.start) ?? '';
}

/** Indentation for children of `parent`: that of its first own-line element child, else parent's + unit. */
export function childIndent(doc: SrcDocument, parent: SrcElement, unit: string): string {
  for (const c of parent.children) {
    if (c.kind !== 'element') continue;
    const ci = ownLineIndent(doc.text, c.start);
    if (ci !== null) return ci;
  }
  return indentOf(doc.text, parent) + unit;
}

/** True when the node (or attribute) starts its line and nothing but whitespace follows its end on its last line. */
export function occupiesOwnLines(text: string, node: { readonly start: number; readonly end: number }): boolean {
  if (ownLineIndent(text, node.start) === null) return false;
  const nl = text.indexOf('\n', node.end);
  const rest = text.slice(node.end, nl === -1 ? text.length : nl);
  return /^[ \t\r]*$/.test(rest);
}

/** The whitespace-only text child check used when looking for real content. */
export function isBlank(text: string, node: SrcNode): boolean {
  return node.kind === 'text' && !/\S/.test(text.slice(node.start, node.end));
}
