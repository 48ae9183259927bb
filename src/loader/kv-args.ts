// Ansible's `k=v` task argument strings (parsing/splitter.py): split_args, parse_kv and join_args, ported as they are.

const ESCAPES = /\\U[0-9a-fA-F]{8}|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\N\{[^}]+\}|\\[\\'"abfnrtv]/g;
const SIMPLE: Readonly<Record<string, string>> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Modules whose whole argument string is a command (Ansible's FREEFORM_ACTIONS). */
export const FREEFORM_ACTIONS: readonly string[] = ['command', 'shell', 'raw', 'script'];

/** Keys that command/shell take out of their free-form text (Ansible's fixed list). */
export const COMMAND_KEYS: readonly string[] = ['creates', 'removes', 'chdir', 'executable', 'warn', 'stdin', 'stdin_add_newline', 'strip_empty_ends'];

export class ArgStringError extends Error {}

/** Python's unicode-escape decoding of the escape sequences Ansible decodes in k=v values. */
function decodeEscapes(s: string): string {
  return s.replace(ESCAPES, (m) => {
    const c = m[1]!;
    if (c === 'U' || c === 'u' || c === 'x') return String.fromCodePoint(parseInt(m.slice(2), 16));
    if (c === 'N') return m; // named characters: left as written
    return SIMPLE[c]!;
  });
}

function quoteState(token: string, quote: string | null): string | null {
  for (let i = 0; i < token.length; i++) {
    const c = token[i]!;
    if ((c === '"' || c === "'") && (i === 0 || token[i - 1] !== '\\')) {
      if (quote) {
        if (c === quote) quote = null;
      } else quote = c;
    }
  }
  return quote;
}

function depthAfter(token: string, depth: number, open: string, close: string): number {
  const opens = token.split(open).length - 1;
  const closes = token.split(close).length - 1;
  return opens === closes ? depth : Math.max(0, depth + opens - closes);
}

/** Splits on spaces and newlines, keeping quoted strings and Jinja blocks whole and newlines in place. */
export function splitArgs(args: string): string[] {
  const params: string[] = [];
  const items = args.split('\n');
  let quote: string | null = null;
  let inside = false;
  let print = 0;
  let block = 0;
  let comment = 0;
  const appendLast = (s: string) => {
    // Ansible fails the same way (an IndexError it reports as unparsable), e.g. on leading spaces
    if (params.length === 0) throw new ArgStringError(`unable to parse argument string: ${JSON.stringify(args)}`);
    params[params.length - 1] += s;
  };
  items.forEach((item, itemIdx) => {
    const tokens = item.split(' ');
    let continuation = false;
    tokens.forEach((token, idx) => {
      if (token.length === 0 && idx !== 0) return appendLast(' ');
      if (token === '\\' && !inside) {
        continuation = true;
        return;
      }
      const wasInside = inside;
      quote = quoteState(token, quote);
      inside = quote !== null;
      let appended = false;
      const jinja = print || block || comment;
      if (inside && !wasInside && !jinja) {
        params.push(token);
        appended = true;
      } else if (jinja || inside || wasInside) {
        if (idx === 0 && wasInside) appendLast(token);
        else if (tokens.length > 1) appendLast(`${idx > 0 ? ' ' : ''}${token}`);
        else appendLast(`\n${token}`);
        appended = true;
      }
      for (const [open, close, which] of [['{{', '}}', 'p'], ['{%', '%}', 'b'], ['{#', '#}', 'c']] as const) {
        const before = which === 'p' ? print : which === 'b' ? block : comment;
        const after = depthAfter(token, before, open, close);
        if (which === 'p') print = after;
        else if (which === 'b') block = after;
        else comment = after;
        if (after !== before && !appended) {
          params.push(token);
          appended = true;
        }
      }
      if (!(print || block || comment) && !inside && !appended && token !== '') params.push(token);
    });
    if (items.length > 1 && itemIdx !== items.length - 1 && !continuation) appendLast('\n');
  });
  if (print || block || comment || inside) throw new ArgStringError(`failed at splitting arguments, either an unbalanced jinja2 block or quotes: ${args}`);
  return params;
}

/** Joins split args back, keeping the original newlines. */
export function joinArgs(parts: readonly string[]): string {
  let out = '';
  for (const p of parts) out += out.length === 0 || out.endsWith('\n') ? p : ` ${p}`;
  return out;
}

function unquote(s: string): string {
  const quoted = s.length > 1 && s[0] === s[s.length - 1] && (s[0] === '"' || s[0] === "'") && s[s.length - 2] !== '\\';
  return quoted ? s.slice(1, -1) : s;
}

/**
 * Ansible's parse_kv: `k=v` words become options (values unquoted, escapes decoded); the other
 * words are the free-form text, `_raw_params`, joined as written. With `rawKeys` (command and
 * shell), only those keys are options: `NAME=value` in a script stays part of the script.
 */
export function parseKv(args: string, rawKeys?: readonly string[]): Record<string, string> {
  const options: Record<string, string> = {};
  const raw: string[] = [];
  for (const orig of splitArgs(args)) {
    const x = decodeEscapes(orig);
    let pos = -1;
    for (let i = 1; i < x.length; i++) if (x[i] === '=' && x[i - 1] !== '\\') { pos = i; break; }
    if (!x.includes('=')) raw.push(orig);
    else if (pos < 0) raw.push(x.replace(/\\=/g, '='));
    else {
      const k = x.slice(0, pos);
      if (rawKeys && !rawKeys.includes(k)) raw.push(orig);
      else options[k.trim()] = unquote(x.slice(pos + 1).trim());
    }
  }
  if (raw.length > 0) options._raw_params = joinArgs(raw);
  return options;
}
