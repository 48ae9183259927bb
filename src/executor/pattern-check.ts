// Host patterns (a play's hosts:, --limit) that cannot mean anything are errors before any host is touched, not "no hosts matched".

import { UserError, type SourceLoc } from '../errors.js';
import { splitPattern } from '../inventory/patterns.js';

/** `[i]`, `[i:j]`, `[:j]`, `[i:]` after a name: a subscript, whose bounds must be whole numbers. */
const RANGE_LIKE = /\[([^\]]*:[^\]]*)\]$/;

/** Throws a UserError naming the pattern and what is wrong with it. */
export function checkHostPattern(pattern: string, what: string, loc?: SourceLoc): void {
  const bad = (why: string): never => {
    throw new UserError(`${what} '${pattern}' is not a valid host pattern: ${why}`, loc);
  };
  let depth = 0;
  for (const c of pattern) {
    if (c === '[') depth++;
    else if (c === ']' && --depth < 0) bad("a ']' without its '['");
  }
  if (depth !== 0) bad("a '[' is never closed");
  for (const raw of splitPattern(pattern)) {
    const term = raw.replace(/^[&!]/, '');
    if (term === '') bad(`'${raw}' names nothing`);
    if (term.startsWith('~')) {
      try {
        new RegExp(term.slice(1));
      } catch (e) {
        bad(`the regular expression ${term.slice(1)} does not compile (${(e as Error).message})`);
      }
      continue;
    }
    const range = RANGE_LIKE.exec(term);
    if (range && !/^\s*-?\d*\s*:\s*-?\d*\s*$/.test(range[1]!)) bad(`the range [${range[1]}] needs whole numbers, as in [0:2]`);
  }
}
