// Parses the "simple" absolute paths that ensure-path can create: /a/b[@x='1'][c='2']/d or .../@attr.

export interface PathStep {
  /** the name as written, possibly prefixed */
  readonly name: string;
  /** attributes required by predicates: [@name='value'] */
  readonly attrs: readonly (readonly [string, string])[];
  /** child elements with text required by predicates: [name='value'] */
  readonly childTexts: readonly (readonly [string, string])[];
  /** the step's source text, to rebuild prefixes of the path */
  readonly raw: string;
}

export interface SimplePath {
  readonly steps: readonly PathStep[];
  /** set when the path ends in /@name */
  readonly attribute?: string;
}

const NAME = /[A-Za-z_\u00C0-\uFFFF][-A-Za-z0-9_.\u00B7\u00C0-\uFFFF]*(?::[A-Za-z_\u00C0-\uFFFF][-A-Za-z0-9_.\u00B7\u00C0-\uFFFF]*)?/y;

/** Returns the parsed path, or a string saying why the path is too complex to create. */
export function parseSimplePath(expr: string): SimplePath | string {
  let i = 0;
  const s = expr.trim();
  const steps: PathStep[] = [];
  const ws = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const name = (): string | null => {
    NAME.lastIndex = i;
    const m = NAME.exec(s);
    if (!m) return null;
    i = NAME.lastIndex;
    return m[0];
  };
  const literal = (): string | null => {
    const q = s[i];
    if (q !== '"' && q !== "'") return null;
    const end = s.indexOf(q, i + 1);
    if (end === -1) return null;
    const v = s.slice(i + 1, end);
    i = end + 1;
    return v;
  };
  if (s[0] !== '/') return 'only absolute paths (starting with /) can be created';
  while (i < s.length) {
    if (s[i] !== '/') return `unexpected '${s[i]}' at position ${i + 1}`;
    i++;
    if (s[i] === '/') return "'//' does not say where to create elements; write the full path from the root";
    const stepStart = i;
    if (s[i] === '@') {
      i++;
      const a = name();
      if (!a || i !== s.length) return 'an attribute step (@name) can only be the last step';
      return steps.length ? { steps, attribute: a } : 'a path needs at least one element step';
    }
    const n = name();
    if (!n) return `step ${steps.length + 1} is not a plain element name (wildcards, axes and functions cannot be created)`;
    if (s.startsWith('::', i) || s[i] === '(') return `step ${steps.length + 1} uses an axis or function; only plain names can be created`;
    const attrs: [string, string][] = [];
    const childTexts: [string, string][] = [];
    while (s[i] === '[') {
      i++;
      for (;;) {
        ws();
        const isAttr = s[i] === '@';
        if (isAttr) i++;
        const key = name();
        ws();
        if (!key || s[i] !== '=') return `predicate in step '${n}' is not of the form [@name='value'] or [child='value']`;
        i++;
        ws();
        const v = literal();
        if (v === null) return `predicate in step '${n}' must compare with a quoted string`;
        (isAttr ? attrs : childTexts).push([key, v]);
        ws();
        if (s.startsWith('and', i) && /\s|@/.test(s[i + 3] ?? '')) {
          i += 3;
          continue;
        }
        break;
      }
      if (s[i] !== ']') return `predicate in step '${n}' is not of the form [@name='value'] or [child='value']`;
      i++;
    }
    steps.push({ name: n, attrs, childTexts, raw: s.slice(stepStart, i) });
  }
  return steps.length ? { steps } : 'empty path';
}

/** The XPath of the first `count` steps. */
export function pathPrefix(p: SimplePath, count: number): string {
  return p.steps.slice(0, count).map((st) => `/${st.raw}`).join('');
}
