// One XML file being edited: its exact text, the offset tree, the DOM, and text splices that re-parse after each change.

import { decodeXml, encodeXml, type ByteEncoding } from './encoding.js';
import { XmlEditError } from './errors.js';
import { mapElements, parseDom, type DomDocument } from './dom.js';
import { parseSource, type SrcDocument, type SrcElement } from './source-tree.js';
import { detectIndentUnit, detectNewline } from './layout.js';
import type { Layout } from './children.js';

/** Replace text[start, end) with `text`. */
export interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export class XmlText {
  text: string;
  src!: SrcDocument;
  dom!: DomDocument;
  private map!: Map<Node, SrcElement>;
  readonly encoding: ByteEncoding;
  private readonly bomLength: number;
  private unit: string | null = null;

  private constructor(
    readonly file: string,
    text: string,
    encoding: ByteEncoding,
    bomLength: number,
  ) {
    this.text = text;
    this.encoding = encoding;
    this.bomLength = bomLength;
    this.reparse();
  }

  /** Decodes and parses file bytes; throws XmlEditError for bad encoding or malformed XML. */
  static fromBytes(bytes: Buffer, file: string): XmlText {
    const d = decodeXml(bytes, file);
    return new XmlText(file, d.text, d.encoding, d.bomLength);
  }

  /** The current text in the file's own encoding. */
  toBytes(): Buffer {
    return encodeXml(this.text, this.encoding);
  }

  private reparse(): void {
    this.src = parseSource(this.text, this.file, this.bomLength);
    this.dom = parseDom(this.bomLength ? this.text.slice(this.bomLength) : this.text, this.file);
    this.map = mapElements(this.dom, this.src, this.file);
    this.unit = null;
  }

  /** The source element of a DOM element (or of the element owning an attribute / containing a text node). */
  sourceOf(node: Node): SrcElement {
    const el = node.nodeType === 2 ? (node as Attr).ownerElement : node.nodeType === 1 ? node : node.parentNode;
    const src = el ? this.map.get(el) : undefined;
    if (!src) throw new XmlEditError(`${this.file}: cannot edit the ${node.nodeName} node (only elements, attributes and text can be edited)`);
    return src;
  }

  layout(): Layout {
    this.unit ??= detectIndentUnit(this.src);
    return { newline: detectNewline(this.text), unit: this.unit, encoding: this.encoding };
  }

  /** Applies non-overlapping splices (computed against the current text), then re-parses. Returns true when the text changed. */
  apply(splices: readonly Splice[], what: string): boolean {
    const sorted = [...splices].sort((a, b) => b.start - a.start || b.end - a.end);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.end > sorted[i - 1]!.start) throw new XmlEditError(`${this.file}: ${what}: the matched nodes overlap (one contains another); make the XPath more specific`);
    }
    let text = this.text;
    for (const s of sorted) text = text.slice(0, s.start) + s.text + text.slice(s.end);
    if (text === this.text) return false;
    const old = this.text;
    this.text = text;
    try {
      this.reparse();
    } catch (e) {
      this.text = old;
      this.reparse();
      throw new XmlEditError(`${this.file}: ${what}: the edit would produce malformed XML (${(e as Error).message}); the file is left untouched`);
    }
    return true;
  }
}
