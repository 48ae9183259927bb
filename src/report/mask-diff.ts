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
  return old.slice(0, start) + MASK + old.slice(oldEnd);
}

const XML_ELEMENT = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(\s[^<>]*)?>([^<]+)<\/\1?\2>/g;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)(\s*=\s*)(["'])([^"'\n]*)\3/g;
const KEY_VALUE = /^(\s*["']?)([A-Za-z_][\w.-]*)(["']?\s*(?:=|:)\s*)(["']?)(.*?)(\4\s*[,;]?\s*)$/;

/** Hides values whose XML element, attribute or key name looks secret (isSecretName). */
export function maskByName(line: string): string {
  let out = line.replace(XML_ELEMENT, (m, ns: string | undefined, name: string, attrs: string | undefined, value: string) =>
    isSecretName(name) && value !== MASK ? `<${ns ?? ''}${name}${attrs ?? ''}>${MASK}</${ns ?? ''}${name}>` : m,
  );
  out = out.replace(ATTRIBUTE, (m, name: string, eq: string, q: string, value: string) => (isSecretName(name) && value !== '' && value !== MASK ? `${name}${eq}${q}${MASK}${q}` : m));
  if (out.includes('\n')) return out.split('\n').map(maskKeyValue).join('\n');
  return maskKeyValue(out);
}

function maskKeyValue(line: string): string {
  const m = KEY_VALUE.exec(line);
  if (!m || !isSecretName(m[2]!) || m[5] === '' || m[5] === MASK || m[5]!.startsWith('{{')) return line;
  return `${m[1]}${m[2]}${m[3]}${m[4]}${MASK}${m[6]}`;
}
