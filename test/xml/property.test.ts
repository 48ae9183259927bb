// Property test: random value/attribute edits on the fixtures, then their undo, give back the exact original bytes.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { domElementChildren } from '../../src/xml/dom.js';
import { escapeAttr, escapeText } from '../../src/xml/encoding.js';
import { editXmlBytes, readMatches, XmlText, type XmlEdit } from '../../src/xml/index.js';
import type { SrcElement } from '../../src/xml/source-tree.js';
import { FIXTURES, XML_FIXTURES } from './xml-harness.js';

interface Target {
  readonly xpath: string;
  /** leaf whose text is written canonically (so restoring the old text gives the old bytes) */
  readonly textEditable: boolean;
  /** attributes written canonically, with their current values */
  readonly attrs: Record<string, string>;
}

/** Elements of a file with an XPath each (/a[1]/b[2]...), and which of their parts can be edited and undone exactly. */
function targetsOf(rel: string): { bytes: Buffer; targets: Target[] } {
  const bytes = readFileSync(path.join(FIXTURES, rel));
  const doc = XmlText.fromBytes(bytes, rel);
  const targets: Target[] = [];
  const raw = (s: number, e: number) => doc.text.slice(s, e);
  const walk = (el: Element, xpath: string) => {
    const src = doc.sourceOf(el) as SrcElement;
    const attrs: Record<string, string> = {};
    for (const a of src.attrs) {
      const v = el.getAttribute(a.name) ?? '';
      if (!a.name.startsWith('xmlns') && raw(a.valueStart, a.valueEnd) === escapeAttr(v, a.quote, doc.encoding)) attrs[a.name] = v;
    }
    const textEditable = !src.selfClosing && src.children.every((c) => c.kind === 'text') && raw(src.startTagEnd, src.endTagStart) === escapeText(el.textContent ?? '', doc.encoding);
    targets.push({ xpath, textEditable, attrs });
    const counts = new Map<string, number>();
    for (const k of domElementChildren(el)) {
      const n = (counts.get(k.nodeName) ?? 0) + 1;
      counts.set(k.nodeName, n);
      walk(k, `${xpath}/${k.nodeName}[${n}]`);
    }
  };
  walk(doc.dom.documentElement, `/${doc.dom.documentElement.nodeName}`);
  return { bytes, targets };
}

/** Text of the one element (or value of the one attribute) the XPath selects. */
function valueAt(bytes: Buffer, rel: string, xpath: string): string {
  const { count, matches } = readMatches(bytes, rel, xpath, {}, 'text');
  assert.equal(count, 1, `${xpath} matches one node`);
  return Object.values(matches[0] as Record<string, string>)[0]!;
}

const files = XML_FIXTURES.map((rel) => ({ rel, ...targetsOf(rel) }));
const valueArb = fc.string({ unit: fc.constantFrom('a', 'Z', '7', ' ', '&', '<', '>', '"', "'", '\n', '\t', 'é', '€', '😀', ']]>', '&amp;', ':'), maxLength: 12 });
const pickArb = fc.record({ target: fc.nat(), kind: fc.constantFrom('text', 'attr', 'newAttr'), attr: fc.nat(), value: valueArb });

describe('xml property: random edits keep everything else byte-identical', () => {
  it('edit then undo restores the original bytes; the edited file reparses and holds the new values', () => {
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.array(pickArb, { minLength: 1, maxLength: 5 }), (fi, picks) => {
        const { rel, bytes, targets } = files[fi]!;
        const current = new Map<string, string | null>();
        const edits: XmlEdit[] = [];
        const undo: XmlEdit[] = [];
        for (const p of picks) {
          const t = targets[p.target % targets.length]!;
          const names = Object.keys(t.attrs);
          if (p.kind === 'text' && t.textEditable) {
            const key = `${t.xpath}#text`;
            const old = current.has(key) ? current.get(key)! : valueAt(bytes, rel, t.xpath);
            edits.push({ xpath: t.xpath, value: p.value });
            undo.unshift({ xpath: t.xpath, value: old });
            current.set(key, p.value);
          } else {
            const name = p.kind === 'attr' && names.length ? names[p.attr % names.length]! : `esbplay${p.attr % 3}`;
            if (!(name in t.attrs) && !name.startsWith('esbplay')) continue;
            const key = `${t.xpath}@${name}`;
            const old = current.has(key) ? current.get(key)! : (t.attrs[name] ?? null);
            edits.push({ xpath: t.xpath, attribute: name, value: p.value });
            undo.unshift(old === null ? { xpath: t.xpath, attribute: name, state: 'absent' } : { xpath: t.xpath, attribute: name, value: old });
            current.set(key, p.value);
          }
        }
        const edited = editXmlBytes(bytes, rel, edits);
        // the result reparses (tokenizer + xmldom) and holds the new values
        XmlText.fromBytes(edited.bytes, rel);
        for (const [key, want] of current) {
          const [xpath, attr] = key.includes('@') ? key.split('@') : [key.replace(/#text$/, ''), undefined];
          assert.equal(valueAt(edited.bytes, rel, attr ? `${xpath}/@${attr}` : xpath!), want, key);
        }
        const restored = editXmlBytes(edited.bytes, rel, undo);
        assert.ok(restored.bytes.equals(bytes), `undo did not restore ${rel} byte for byte`);
      }),
      { numRuns: 300 },
    );
  });
});
