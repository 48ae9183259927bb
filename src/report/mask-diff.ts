// Masks diffs by position as well as by search: the old value a secret replaces, and values under secret-looking names.

import { isSecretName, MASK, type Masker } from '../vars/secret.js';
import type { ResultDiff } from './events.js';
import { unifiedDiff } from './diff.js';

/**
 * A diff ready for output: the unified text is computed from the real bytes, then masked so that
 * (1) every registered secret form is hidden, (2) where a changed line now holds a secret, the
 * value it replaces is hidden too (rotation: the old password comes from the file, no variable
 * knows it; it is also registered so later output hides it), (3) values of XML elements,
 * attributes and key=value / key: value lines whose name looks secret are hidden.
 */
export function maskResultDiff(d: ResultDiff, masker: Masker): ResultDiff {
  if (d.path !== undefined && d.beforeHeader === undefined) {
    const unified = maskUnified(unifiedDiff(d.before, d.after, d.path), masker);
    return { ...d, before: maskText(d.before, masker), after: maskText(d.after, masker), unified };
  }
  return { ...d, before: maskText(d.before, masker), after: maskText(d.after, masker) };
}

function maskText(text: string, masker: Masker): string {
  return maskByName(masker.mask(text));
}

/** Masks the lines of a unified diff (headers are the first two lines). */
export function maskUnified(text: string, masker: Masker): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const minus: string[] = [];
    while (i < lines.length && i >= 2 && lines[i]!.startsWith('-')) minus.push(lines[i++]!.slice(1));
    const plus: string[] = [];
    while (i < lines.length && i >= 2 && lines[i]!.startsWith('+')) plus.push(lines[i++]!.slice(1));
    if (minus.length === 0 && plus.length === 0) {
      out.push(lines[i++]!);
      continue;
    }
    out.push(...maskReplaced(minus, plus, masker).map((l) => `-${l}`), ...plus.map((l) => `+${l}`));
  }
  return out.map((l) => maskByName(masker.mask(l))).join('\n');
}

/** The removed lines, with the part replaced by a secret masked (line by line when the counts match). */
function maskReplaced(minus: string[], plus: string[], masker: Masker): string[] {
  if (minus.length === 0 || plus.length === 0) return minus;
  if (minus.length === plus.length) return minus.map((m, k) => maskOld(m, plus[k]!, masker));
  return maskOld(minus.join('\n'), plus.join('\n'), masker).split('\n');
}

/** When `now` holds a secret inside its changed region, the matching region of `old` becomes the mask. */
function maskOld(old: string, now: string, masker: Masker): string {
  const hits = masker.occurrences(now);
  if (hits.length === 0) return old;
  let pre = 0;
  while (pre < old.length && pre < now.length && old[pre] === now[pre]) pre++;
  let suf = 0;
  while (suf < old.length - pre && suf < now.length - pre && old[old.length - 1 - suf] === now[now.length - 1 - suf]) suf++;
  let start = pre;
  let end = now.length - suf;
  const touching = hits.filter(([s, e]) => s <= end && e >= start);
  if (touching.length === 0) return old;
  // widen to whole secret occurrences, so a prefix the old and new values share is not shown
  start = Math.min(start, ...touching.map(([s]) => s));
  end = Math.max(end, ...touching.map(([, e]) => e));
  const oldEnd = old.length - (now.length - end);
  if (oldEnd <= start) return old;
  const value = old.slice(start, oldEnd);
  masker.add(value);
  // in an XML file the old value is escaped: a program given the real value prints it decoded
  const decoded = decodeXmlEntities(value);
  if (decoded !== value) masker.add(decoded);
  return old.slice(0, start) + MASK + old.slice(oldEnd);
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));/g;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text an XML parser reads from escaped text: the five named entities and character references. */
function decodeXmlEntities(text: string): string {
  return text.replace(ENTITY, (m, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name) return NAMED_ENTITIES[name]!;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

const XML_ELEMENT = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(\s[^<>]*)?>([^<]+)<\/\1?\2>/g;
const KEY_VALUE = /^(\s*["']?)([A-Za-z_][\w.-]*)(["']?\s*(?:=|:)\s*)(["']?)(.*?)(\4\s*[,;]?\s*)$/;

/** Hides values whose XML element, attribute or key name looks secret (isSecretName). */
export function maskByName(line: string): string {
  let out = line.replace(XML_ELEMENT, (m, ns: string | undefined, name: string, attrs: string | undefined, value: string) =>
    isSecretName(name) && value !== MASK ? `<${ns ?? ''}${name}${attrs ?? ''}>${MASK}</${ns ?? ''}${name}>` : m,
  );
  out = maskAttributes(out);
  if (out.includes('\n')) return out.split('\n').map(maskKeyValue).join('\n');
  return maskKeyValue(out);
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[\w.:-]/;
const SPACE = /\s/;

/**
 * `name = "value"` / `name='value'` with a secret-looking name: the value becomes the mask. What
 * the RegExp /([A-Za-z_][\w.:-]*)(\s*=\s*)(["'])([^"'\n]*)\3/g matched, found from each `=`
 * instead: that RegExp retried the whole run of name characters from each of its positions, so
 * a long word without `=` (a 100 KB one-line file) cost seconds.
 */
export function maskAttributes(text: string): string {
  let out = '';
  let done = 0; // text before this is copied to out or consumed by a match
  for (let eq = text.indexOf('='); eq >= 0; eq = text.indexOf('=', eq + 1)) {
    let nameEnd = eq;
    while (nameEnd > done && SPACE.test(text[nameEnd - 1]!)) nameEnd--;
    let start = nameEnd;
    while (start > done && NAME_CHAR.test(text[start - 1]!)) start--;
    while (start < nameEnd && !NAME_START.test(text[start]!)) start++;
    if (start === nameEnd) continue;
    let q = eq + 1;
    while (q < text.length && SPACE.test(text[q]!)) q++;
    const quote = text[q];
    if (quote !== '"' && quote !== "'") continue;
    let close = q + 1;
    while (close < text.length && text[close] !== '"' && text[close] !== "'" && text[close] !== '\n') close++;
    if (text[close] !== quote) continue;
    const value = text.slice(q + 1, close);
    if (isSecretName(text.slice(start, nameEnd)) && value !== '' && value !== MASK) out += text.slice(done, q + 1) + MASK + quote;
    else out += text.slice(done, close + 1);
    done = close + 1;
    eq = close;
  }
  return done === 0 ? text : out + text.slice(done);
}

function maskKeyValue(line: string): string {
  const m = KEY_VALUE.exec(line);
  if (!m || !isSecretName(m[2]!) || m[5] === '' || m[5] === MASK || m[5]!.startsWith('{{')) return line;
  return `${m[1]}${m[2]}${m[3]}${m[4]}${MASK}${m[6]}`;
}
