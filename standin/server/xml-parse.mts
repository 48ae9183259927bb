// A small non-validating XML parser: well-formedness errors with line and column (Xerces wording), element tree by local name.

export interface XmlElement {
  /** qualified name as written */
  readonly name: string;
  /** name without its prefix (carbon.xml has a default namespace; Carbon matches local names) */
  readonly local: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: XmlElement[];
  /** the element's own character data (not its children's), entities decoded */
  text: string;
  readonly line: number;
}

export class XmlSyntaxError extends Error {
  constructor(readonly line: number, readonly column: number, readonly reason: string) {
    super(`lineNumber: ${line}; columnNumber: ${column}; ${reason}`);
  }
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.\u00B7-\uFFFF]*/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the bytes as the XML declaration says (ISO-8859-1 or UTF-8) and parses them. */
export function parseXmlBytes(bytes: Buffer): XmlElement {
  const head = bytes.subarray(0, 200).toString('latin1');
  const enc = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1]?.toLowerCase();
  const text = enc === 'iso-8859-1' || enc === 'latin1' ? bytes.toString('latin1') : bytes.toString('utf8');
  return parseXml(text.replace(/^\uFEFF/, ''));
}

export function parseXml(src: string): XmlElement {
  let pos = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const where = (at: number): [number, number] => {
    const before = src.slice(0, at);
    const line = before.split('\n').length;
    return [line, at - before.lastIndexOf('\n')];
  };
  const fail = (reason: string, at = pos): never => {
    const [l, c] = where(at);
    throw new XmlSyntaxError(l, c, reason);
  };
  const decode = (raw: string, at: number): string =>
    raw.replace(/&([^;&\s]*);?/g, (m, ref: string) => {
      if (!m.endsWith(';')) fail(`The entity name must immediately follow the '&' in the entity reference.`, at);
      if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
      if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
      const v = ENTITIES[ref];
      return v ?? fail(`The entity "${ref}" was referenced, but not declared.`, at);
    });
  const readName = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(src);
    if (!m) return fail('The markup in the document following the root element must be well-formed.');
    pos += m[0].length;
    return m[0];
  };
  const skipSpace = () => {
    while (pos < src.length && /\s/.test(src[pos]!)) pos++;
  };
  const skipUntil = (end: string, what: string) => {
    const i = src.indexOf(end, pos);
    if (i < 0) fail(`XML document structures must start and end within the same entity. (unterminated ${what})`);
    pos = i + end.length;
  };
  while (pos < src.length) {
    const lt = src.indexOf('<', pos);
    const textEnd = lt < 0 ? src.length : lt;
    const chunk = src.slice(pos, textEnd);
    if (chunk.length) {
      if (stack.length) stack[stack.length - 1]!.text += decode(chunk, pos);
      else if (chunk.trim()) fail(root ? 'Content is not allowed in trailing section.' : 'Content is not allowed in prolog.', pos + chunk.search(/\S/));
    }
    if (lt < 0) break;
    pos = lt;
    if (src.startsWith('<!--', pos)) {
      pos += 4;
      skipUntil('-->', 'comment');
    } else if (src.startsWith('<![CDATA[', pos)) {
      if (!stack.length) fail('The markup in the document preceding the root element must be well-formed.');
      const start = pos + 9;
      pos = start;
      skipUntil(']]>', 'CDATA section');
      stack[stack.length - 1]!.text += src.slice(start, pos - 3);
    } else if (src.startsWith('<?', pos)) {
      pos += 2;
      skipUntil('?>', 'processing instruction');
    } else if (src.startsWith('<!DOCTYPE', pos)) {
      const close = src.indexOf(src.indexOf('[', pos) >= 0 && src.indexOf('[', pos) < src.indexOf('>', pos) ? ']>' : '>', pos);
      if (close < 0) fail('XML document structures must start and end within the same entity.');
      pos = close + (src[close] === ']' ? 2 : 1);
    } else if (src.startsWith('</', pos)) {
      const at = pos;
      pos += 2;
      const name = readName();
      skipSpace();
      if (src[pos] !== '>') fail(`The end-tag for element type "${name}" must end with a '>' delimiter.`);
      pos++;
      const open = stack.pop();
      if (!open) fail('The markup in the document following the root element must be well-formed.', at);
      if (open!.name !== name) fail(`The element type "${open!.name}" must be terminated by the matching end-tag "</${open!.name}>".`, at);
    } else {
      const at = pos;
      pos++;
      if (!stack.length && root) fail('The markup in the document following the root element must be well-formed.', at);
      const name = readName();
      const attrs = new Map<string, string>();
      for (;;) {
        const before = pos;
        skipSpace();
        if (src.startsWith('/>', pos) || src[pos] === '>') break;
        if (pos === before) fail(`Element type "${name}" must be followed by either attribute specifications, ">" or "/>".`);
        const attr = readName();
        skipSpace();
        if (src[pos] !== '=') fail(`Attribute name "${attr}" associated with an element type "${name}" must be followed by the ' = ' character.`);
        pos++;
        skipSpace();
        const q = src[pos];
        if (q !== '"' && q !== "'") fail(`Open quote is expected for attribute "${attr}" associated with an  element type  "${name}".`);
        const end = src.indexOf(q!, pos + 1);
        if (end < 0) fail('XML document structures must start and end within the same entity.');
        const raw = src.slice(pos + 1, end);
        if (raw.includes('<')) fail(`The value of attribute "${attr}" associated with an element type "${name}" must not contain the '<' character.`, pos + 1 + raw.indexOf('<'));
        if (attrs.has(attr)) fail(`Attribute "${attr}" was already specified for element "${name}".`);
        attrs.set(attr, decode(raw, pos));
        pos = end + 1;
      }
      const el: XmlElement = { name, local: name.slice(name.indexOf(':') + 1), attrs, children: [], text: '', line: where(at)[0] };
      if (stack.length) stack[stack.length - 1]!.children.push(el);
      else root = el;
      if (src.startsWith('/>', pos)) pos += 2;
      else {
        pos++;
        stack.push(el);
      }
    }
  }
  if (stack.length) fail(`XML document structures must start and end within the same entity.`, src.length);
  if (!root) fail('Premature end of file.', src.length);
  return root!;
}

/** First direct child with this local name. */
export function child(el: XmlElement | undefined, local: string): XmlElement | undefined {
  return el?.children.find((c) => c.local === local);
}

/** Every direct child with this local name. */
export function children(el: XmlElement | undefined, local: string): XmlElement[] {
  return el ? el.children.filter((c) => c.local === local) : [];
}

/** Trimmed text of the element found by a path of local names, or undefined. */
export function textAt(el: XmlElement | undefined, ...path: string[]): string | undefined {
  let cur = el;
  for (const p of path) cur = child(cur, p);
  return cur ? cur.text.trim() : undefined;
}

/** Every descendant (depth first, document order) with this local name. */
export function descendants(el: XmlElement, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (c.local === local) out.push(c);
    out.push(...descendants(c, local));
  }
  return out;
}
