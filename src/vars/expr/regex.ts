// Python `re` patterns and replacement strings translated to JavaScript RegExp (named groups, inline flags, \g<1>).

import { ExprError } from './errors.js';

export interface RegexOptions {
  readonly ignorecase?: boolean;
  readonly multiline?: boolean;
}

/** Compiles a Python-style pattern: `(?P<n>..)`, `(?P=n)`, leading `(?i)`/`(?m)`/`(?s)`, `\A`, `\Z`. */
export function compileRegex(pattern: string, opts: RegexOptions = {}, extraFlags = ''): RegExp {
  let flags = extraFlags;
  let src = pattern;
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    for (const f of inline[1]!) if ('ims'.includes(f) && !flags.includes(f)) flags += f;
  }
  if (opts.ignorecase && !flags.includes('i')) flags += 'i';
  if (opts.multiline && !flags.includes('m')) flags += 'm';
  src = src
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$');
  try {
    return new RegExp(src, flags + 'u');
  } catch {
    try {
      return new RegExp(src, flags);
    } catch (e) {
      throw new ExprError(`invalid regular expression '${pattern}': ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
    }
  }
}

/** Python replacement text (`\1`, `\g<1>`, `\g<name>`) as a JavaScript one (`$1`, `$<name>`), with literal `$` escaped. */
export function translateReplacement(rep: string): string {
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const ch = rep[i]!;
    if (ch === '$') out += '$$';
    else if (ch === '\\' && i + 1 < rep.length) {
      const rest = rep.slice(i + 1);
      const num = /^\d{1,2}/.exec(rest);
      const named = /^g<(\w+)>/.exec(rest);
      if (num) {
        out += `$${num[0]}`;
        i += num[0].length;
      } else if (named) {
        out += /^\d+$/.test(named[1]!) ? `$${named[1]}` : `$<${named[1]}>`;
        i += named[0].length;
      } else {
        const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\' };
        out += esc[rest[0]!] ?? `\\${rest[0]}`;
        i += 1;
      }
    } else out += ch;
  }
  return out;
}

/** Python re.match: the pattern must match at the start of the text. */
export function matchAtStart(re: RegExp, text: string): RegExpExecArray | null {
  const sticky = new RegExp(re.source, re.flags.replace('g', '') + 'y');
  sticky.lastIndex = 0;
  return sticky.exec(text);
}
