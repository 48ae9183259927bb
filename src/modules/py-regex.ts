// Python (Ansible) regular expressions in JavaScript: syntax translation and match.expand().

/** A pattern that could not be compiled; the message names the argument. */
export class PatternError extends Error {}

/**
 * Compiles a Python `re` pattern as a JS RegExp. Translates (?P<n>...), (?P=n), \A, \Z and
 * leading inline flags (?imsx); everything else is shared syntax.
 */
export function compilePyRegex(pattern: string, argName: string): RegExp {
  let src = pattern;
  let flags = '';
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    for (const f of inline[1]!) if ('ims'.includes(f) && !flags.includes(f)) flags += f;
    src = src.slice(inline[0].length);
  }
  src = src
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
    .replace(/(^|[^\\])\\A/g, '$1^')
    .replace(/(^|[^\\])\\Z/g, '$1$(?![\\s\\S])');
  try {
    return new RegExp(src, flags);
  } catch (e) {
    throw new PatternError(`invalid regular expression in '${argName}': ${pattern} (${(e as Error).message})`);
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };

/**
 * Python's match.expand(template): \1..\99, \g<n>, \g<name>, \n \t ... and \\; a group that
 * did not take part expands to ''. Unknown escapes of punctuation stay as written.
 */
export function expandMatch(template: string, m: RegExpExecArray): string {
  return template.replace(/\\(g<([^>]*)>|\d{1,2}|.)/gs, (whole, esc: string, gname: string | undefined) => {
    if (gname !== undefined) {
      const v = /^\d+$/.test(gname) ? m[Number(gname)] : m.groups?.[gname];
      if (v === undefined && !(/^\d+$/.test(gname) ? Number(gname) < m.length : gname in (m.groups ?? {}))) {
        throw new PatternError(`backreference \\g<${gname}> in 'line' does not name a group of 'regexp'`);
      }
      return v ?? '';
    }
    if (/^\d+$/.test(esc)) {
      const n = Number(esc);
      if (n >= m.length) throw new PatternError(`backreference \\${esc} in 'line' but 'regexp' has ${m.length - 1} group(s)`);
      return m[n] ?? '';
    }
    return SIMPLE_ESCAPES[esc] ?? whole;
  });
}
