// Masks an error leaving a run or a listing (message, offending source line, stack) so no secret reaches the terminal through it.

import { UserError } from '../errors.js';
import { sourceLine } from '../loader/yaml.js';
import { isSecretName, MASK, type Masker } from '../vars/secret.js';
import { maskByName } from './mask-diff.js';

/**
 * The same error object (class and exit code kept) with every secret form the masker knows
 * masked, and its source line redacted by name and tag (redactLine): a file that failed to load
 * registered none of its secrets, so only their names and tags can hide them.
 */
export function maskError(e: unknown, masker?: Masker): unknown {
  if (!(e instanceof Error)) return e;
  if (masker && masker.size > 0) {
    e.message = masker.mask(e.message);
    if (e.stack) e.stack = masker.mask(e.stack);
  }
  if (e instanceof UserError && e.loc) {
    const line = e.sourceLine ?? sourceLine(e.loc);
    if (line === undefined) return e;
    const masked = redactLine(masker && masker.size > 0 ? masker.mask(line) : line);
    if (masked !== line) Object.defineProperty(e, 'sourceLine', { value: masked });
  }
  return e;
}

// `!secret` and its scalar: "double quoted", 'single quoted' or plain up to a flow indicator (unclosed quotes to the end); not a flow collection
const SCALAR = `("(?:[^"\\\\]|\\\\.)*"?|'(?:[^']|'')*'?|[^,{}[\\]\\s#][^,}\\]#]*)`;
const SECRET_TAG = new RegExp(`(!secret\\s+)${SCALAR}`, 'g');
// `name: value` in a flow mapping or a block line; a name is tried only where a run of name characters starts (linear)
const PAIR = new RegExp(`(?<![\\w.-])([A-Za-z_][\\w.-]*)(["']?\\s*:\\s+)${SCALAR}`, 'g');
// `name=value` unquoted in free-form arguments and command lines (`password=x`, `--db-password=x`: the name is
// the last word before `=`, so a run of name characters is tried from one place only: linear); a closing quote stays
const KV_WORD = /(?<![\w.])([A-Za-z_][\w.]*)=([^\s'"{]\S*?)(?=["']?(?:\s|$))/g;

/**
 * A source line fit to print: values under secret-looking names (`db_password: x`,
 * `{ db_password: x }`, `password=x`, `password="x"`, `<password>x</password>`) and `!secret`
 * values become the mask. Templates (`{{ ... }}`) and tags other than !secret stay.
 */
export function redactLine(line: string): string {
  return maskByName(line)
    .replace(PAIR, (m, name: string, sep: string, value: string) =>
      isSecretName(name) && !/^["']?(\{\{|\{%|!|\*{8})/.test(value) ? `${name}${sep}${MASK}` : m,
    )
    .replace(KV_WORD, (m, name: string, value: string) => (isSecretName(name) && value !== MASK ? `${name}=${MASK}` : m))
    .replace(SECRET_TAG, (_m, tag: string, value: string) => (value.trim() === MASK ? `${tag}${value}` : `${tag}${MASK}`));
}
