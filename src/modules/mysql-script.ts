// Reads SQL text like the mysql client does: statements split on the delimiter outside quotes and comments.

/** The statements of a script, comments removed, without their delimiters. `DELIMITER x` lines are honoured. */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let delim = ';';
  let cur = '';
  let i = 0;
  const push = () => {
    if (cur.trim()) out.push(cur.trim());
    cur = '';
  };
  while (i < text.length) {
    if (cur.trim() === '') {
      const d = /^[ \t]*DELIMITER[ \t]+(\S+)[^\n]*(\n|$)/i.exec(text.slice(i));
      if (d && (i === 0 || text[i - 1] === '\n')) {
        delim = d[1]!;
        i += d[0].length;
        cur = '';
        continue;
      }
    }
    const ch = text[i]!;
    const rest2 = text.slice(i, i + 2);
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = closeQuote(text, i);
      cur += text.slice(i, end);
      i = end;
    } else if (ch === '#' || (rest2 === '--' && /[\s]/.test(text[i + 2] ?? ' '))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      cur += ' ';
    } else if (rest2 === '/*' && text[i + 2] !== '!') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      cur += ' ';
    } else if (text.startsWith(delim, i)) {
      push();
      i += delim.length;
    } else {
      cur += ch;
      i++;
    }
  }
  push();
  return out;
}

/** Index just past the quote that closes the one at START (backslash escapes and doubled quotes). */
function closeQuote(text: string, start: number): number {
  const q = text[start]!;
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\' && q !== '`') i += 2;
    else if (text[i] === q && text[i + 1] === q) i += 2;
    else if (text[i] === q) return i + 1;
    else i++;
  }
  return text.length;
}

/** The first keyword of a statement, upper-cased ('' for none); leading parentheses are skipped. */
export function firstKeyword(stmt: string): string {
  return /^[\s(]*([A-Za-z]+)/.exec(stmt)?.[1]?.toUpperCase() ?? '';
}

const READ_ONLY = new Set(['SELECT', 'SHOW', 'DESCRIBE', 'DESC', 'EXPLAIN', 'HELP', 'WITH', 'VALUES', 'TABLE']);

/** True when every statement only reads (SELECT/SHOW/...; not SELECT ... INTO OUTFILE/DUMPFILE). */
export function isReadOnly(text: string): boolean {
  const stmts = splitStatements(text);
  return stmts.length > 0 && stmts.every((s) => READ_ONLY.has(firstKeyword(s)) && !/\bINTO\s+(OUTFILE|DUMPFILE)\b/i.test(s));
}

function bareName(name: string): string {
  const last = name.split('.').pop()!;
  return last.replace(/^[`"]|[`"]$/g, '');
}

const NAME = '((?:`[^`]+`|"[^"]+"|[\\w$]+)(?:\\.(?:`[^`]+`|"[^"]+"|[\\w$]+))?)';
const TABLE_RE = new RegExp(`^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TABLE|(?:ALGORITHM\\s*=\\s*\\w+\\s+)?(?:DEFINER\\s*=\\s*\\S+\\s+)?(?:SQL\\s+SECURITY\\s+\\w+\\s+)?VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${NAME}`, 'i');
const INDEX_RE = new RegExp(`^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:ONLINE\\s+|OFFLINE\\s+)?(?:UNIQUE\\s+|FULLTEXT\\s+|SPATIAL\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${NAME}(?:\\s+USING\\s+\\w+)?\\s+ON\\s+${NAME}`, 'i');

export interface ScriptObjects {
  /** tables and views the script creates (not TEMPORARY ones), in script order */
  readonly tables: readonly string[];
  /** indexes created by CREATE INDEX statements */
  readonly indexes: readonly { readonly name: string; readonly table: string }[];
}

/** What a schema script creates: its tables/views and separately created indexes. */
export function scriptObjects(text: string): ScriptObjects {
  const tables: string[] = [];
  const indexes: { name: string; table: string }[] = [];
  for (const s of splitStatements(text)) {
    const flat = s.replace(/\s+/g, ' ');
    const t = TABLE_RE.exec(flat);
    if (t) {
      const name = bareName(t[1]!);
      if (!tables.includes(name)) tables.push(name);
      continue;
    }
    const ix = INDEX_RE.exec(flat);
    if (ix) indexes.push({ name: bareName(ix[1]!), table: bareName(ix[2]!) });
  }
  return { tables, indexes };
}
