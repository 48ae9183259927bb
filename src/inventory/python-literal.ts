// Ansible's INI value parsing: a Python literal (number, string, True/False/None, list, dict) or else the text.

type Result = { ok: true; value: unknown } | { ok: false };

/** Parses an INI value like Ansible's `ast.literal_eval`; text that is no literal stays a string. */
export function parseIniValue(text: string): unknown {
  const r = parsePythonLiteral(text);
  if (r.ok) return r.value;
  return text.replace(/\s+#.*$/, '').trim();
}

export function parsePythonLiteral(text: string): Result {
  let pos = 0;
  const fail = (): never => {
    throw new NotALiteral();
  };
  const skip = (): void => {
    for (;;) {
      while (pos < text.length && /\s/.test(text[pos]!)) pos++;
      if (text[pos] !== '#') return;
      while (pos < text.length && text[pos] !== '\n') pos++;
    }
  };
  const eat = (ch: string): boolean => {
    skip();
    if (text[pos] !== ch) return false;
    pos++;
    return true;
  };
  const readItems = (close: string, item: () => void): void => {
    while (!eat(close)) {
      item();
      if (!eat(',')) {
        if (!eat(close)) fail();
        return;
      }
    }
  };
  const readValue = (): unknown => {
    skip();
    const ch = text[pos];
    if (ch === '[' || ch === '(') {
      pos++;
      const arr: unknown[] = [];
      readItems(ch === '[' ? ']' : ')', () => arr.push(readValue()));
      return arr;
    }
    if (ch === '{') {
      pos++;
      const obj: Record<string, unknown> = {};
      readItems('}', () => {
        const k = readValue();
        if (!eat(':')) fail();
        obj[String(k)] = readValue();
      });
      return obj;
    }
    if (ch === '-' || ch === '+') {
      pos++;
      const n = readValue();
      if (typeof n !== 'number') fail();
      return ch === '-' ? -(n as number) : n;
    }
    const str = /^[uUrRbB]{0,2}(?='|")/.exec(text.slice(pos));
    if (str) {
      let s = '';
      while (/^[uUrRbB]{0,2}(?='|")/.test(text.slice(pos))) {
        skip();
        s += readString();
        skip();
      }
      return s;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(pos));
    if (word) {
      pos += word[0].length;
      if (word[0] === 'True') return true;
      if (word[0] === 'False') return false;
      if (word[0] === 'None') return null;
      return fail();
    }
    return readNumber();
  };
  const readNumber = (): number => {
    const rest = text.slice(pos);
    const m =
      /^0[xX](?:_?[0-9a-fA-F])+|^0[oO](?:_?[0-7])+|^0[bB](?:_?[01])+/.exec(rest) ??
      /^(?:\d(?:_?\d)*\.(?:\d(?:_?\d)*)?|\.\d(?:_?\d)*|\d(?:_?\d)*(?=[eE]))(?:[eE][+-]?\d(?:_?\d)*)?/.exec(rest) ??
      /^(?:0(?:_?0)*|[1-9](?:_?\d)*)(?![\d.eEjJxXoObB])/.exec(rest);
    if (!m || /^[jJA-Za-z_]/.test(rest.slice(m[0].length))) return fail();
    pos += m[0].length;
    const t = m[0].replace(/_/g, '');
    const n = /^0[xXoObB]/.test(t) ? Number(t.toLowerCase()) : Number(t);
    if (!Number.isFinite(n) || (Number.isInteger(n) && !/[.eE]/.test(t) && !Number.isSafeInteger(n))) fail();
    return n;
  };
  const readString = (): string => {
    const prefix = /^[uUrRbB]*/.exec(text.slice(pos))![0];
    pos += prefix.length;
    const raw = /[rR]/.test(prefix);
    const q = text.startsWith(text[pos]!.repeat(3), pos) ? text[pos]!.repeat(3) : text[pos]!;
    pos += q.length;
    let s = '';
    for (;;) {
      if (pos >= text.length) fail();
      if (text.startsWith(q, pos)) {
        pos += q.length;
        return s;
      }
      const c = text[pos++]!;
      if (c === '\n' && q.length === 1) fail();
      if (c !== '\\') {
        s += c;
        continue;
      }
      const e = text[pos++] ?? fail();
      if (raw) s += '\\' + e;
      else s += unescape(e, () => {
        const hex = /^[0-9a-fA-F]+/.exec(text.slice(pos, pos + (e === 'x' ? 2 : e === 'u' ? 4 : 8)))?.[0] ?? '';
        if (hex.length !== (e === 'x' ? 2 : e === 'u' ? 4 : 8)) fail();
        pos += hex.length;
        return String.fromCodePoint(parseInt(hex, 16));
      });
    }
  };
  try {
    const value = readValue();
    skip();
    return pos === text.length ? { ok: true, value } : { ok: false };
  } catch (e) {
    if (e instanceof NotALiteral) return { ok: false };
    throw e;
  }
}

class NotALiteral extends Error {}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '\n': '' };

function unescape(e: string, readHex: () => string): string {
  if (e === 'x' || e === 'u' || e === 'U') return readHex();
  return ESCAPES[e] ?? '\\' + e;
}
