// Bounds on YAML input: text size, flow nesting (before the parser sees it), nodes, alias expansions, depth and recursive aliases.

import { UserError, type SourceLoc } from '../errors.js';
import { MAX_INPUT_BYTES } from './text-input.js';

export const YAML_LIMITS = {
  /** characters of one YAML text (files are also limited in bytes when read) */
  maxChars: MAX_INPUT_BYTES,
  /** `[`/`{` nesting: the yaml parser overflows its stack (or aborts the process) far below what the text size allows */
  maxFlowDepth: 200,
  /** nesting of the converted value (aliases can nest anchors deeper than the text shows) */
  maxDepth: 500,
  /** alias uses (`*name`, `<<: *name`) expanded in one document */
  maxAliases: 10_000,
  /** values produced from one document, aliases expanded (a "billion laughs" bomb stops here) */
  maxNodes: 2_000_000,
} as const;

/** Refuses a text the parser could not handle safely, before parsing it. */
export function checkYamlText(text: string, file: string): void {
  if (text.length > YAML_LIMITS.maxChars) {
    throw new UserError(`${file} is too large for YAML (${text.length} characters; the limit is ${YAML_LIMITS.maxChars})`, { file, line: 1, col: 1 });
  }
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { line++; lineStart = i + 1; continue; }
    const prev = i > lineStart ? text.charCodeAt(i - 1) : 32;
    const startsToken = prev === 32 || prev === 9 || prev === 91 || prev === 123 || prev === 44 || prev === 58;
    if (c === 35 && (prev === 32 || prev === 9 || i === lineStart)) { // # comment
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10) i++;
    } else if ((c === 39 || c === 34) && startsToken) { // a quoted scalar: skip it
      const end = skipQuoted(text, i, c);
      for (let k = i; k < end; k++) if (text.charCodeAt(k) === 10) { line++; lineStart = k + 1; }
      i = end;
    } else if (c === 91 || c === 123) {
      if (++depth > YAML_LIMITS.maxFlowDepth) {
        throw new UserError(`YAML nested too deeply: more than ${YAML_LIMITS.maxFlowDepth} levels of [ ] or { }`, { file, line, col: i - lineStart + 1 });
      }
    } else if ((c === 93 || c === 125) && depth > 0) {
      depth--;
    }
  }
}

function skipQuoted(text: string, start: number, quote: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote === 34 && c === 92) i++; // backslash escape in "..."
    else if (c === quote) {
      if (quote === 39 && text.charCodeAt(i + 1) === 39) i++; // '' inside '...'
      else return i;
    }
  }
  return text.length;
}

/** Counts what converting one document produces; throws a UserError naming the place when a limit is passed. */
export class YamlBudget {
  #nodes = 0;
  #aliases = 0;
  #depth = 0;
  /** collections being converted right now: an alias to one of them is recursive */
  readonly #open = new Set<object>();

  enter(node: object, loc: () => SourceLoc): void {
    if (++this.#depth > YAML_LIMITS.maxDepth) throw new UserError(`YAML nested too deeply: more than ${YAML_LIMITS.maxDepth} levels (aliases included)`, loc());
    if (++this.#nodes > YAML_LIMITS.maxNodes) {
      throw new UserError(`YAML document too big once its aliases are expanded: more than ${YAML_LIMITS.maxNodes} values (an alias bomb?)`, loc());
    }
    this.#open.add(node);
  }

  leave(node: object): void {
    this.#depth--;
    this.#open.delete(node);
  }

  /** One alias use; `target` is the node it names. */
  alias(name: string, target: object | undefined, loc: () => SourceLoc): void {
    if (target !== undefined && this.#open.has(target)) throw new UserError(`recursive YAML alias: *${name} is used inside the node &${name} names`, loc());
    if (++this.#aliases > YAML_LIMITS.maxAliases) {
      throw new UserError(`too many YAML alias expansions (more than ${YAML_LIMITS.maxAliases}; an alias bomb?)`, loc());
    }
  }
}
