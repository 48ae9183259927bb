// lineinfile's pure text edit, a port of Ansible's present()/absent() that keeps the file's line endings.

import { expandMatch } from './py-regex.js';
import { detectEol, lacksFinalNewline, splitLinesKeepEnds, stripEol } from './text-lines.js';

export interface PresentOptions {
  readonly line: string;
  readonly regexp?: RegExp;
  readonly searchString?: string;
  /** regex source, 'EOF' or 'BOF' (insertafter defaults to EOF) */
  readonly insertafter?: string;
  readonly insertbefore?: string;
  /** compiled insertafter/insertbefore when it is a regex */
  readonly insertRe?: RegExp;
  readonly backrefs: boolean;
  readonly firstmatch: boolean;
}

export interface EditResult {
  readonly text: string;
  readonly changed: boolean;
  readonly msg: string;
  readonly found?: number;
}

/** Ensures the line is present: replaces the (last or first) match, or inserts it where asked. */
export function ensureLinePresent(text: string, o: PresentOptions): EditResult {
  const lines = splitLinesKeepEnds(text);
  const sep = detectEol(text);
  const { line, insertafter, insertbefore } = o;
  let matchIdx = -1;
  let insIdx = -1;
  let match: RegExpExecArray | null = null;
  let found = false;

  if (o.regexp) {
    for (let i = 0; i < lines.length; i++) {
      const m = o.regexp.exec(stripEol(lines[i]!));
      if (m) {
        matchIdx = i;
        match = m;
        found = true;
        if (o.firstmatch) break;
      }
    }
  }
  if (o.searchString !== undefined) {
    for (let i = 0; i < lines.length; i++) {
      if (stripEol(lines[i]!).includes(o.searchString)) {
        matchIdx = i;
        found = true;
        if (o.firstmatch) break;
      }
    }
  }
  if (!found) {
    for (let i = 0; i < lines.length; i++) {
      if (stripEol(lines[i]!) === line) {
        matchIdx = i;
      } else if (o.insertRe && o.insertRe.test(stripEol(lines[i]!))) {
        insIdx = insertafter !== undefined ? i + 1 : i;
        if (o.firstmatch) break;
      }
    }
  }

  const added = (t: string[]): EditResult => ({ text: t.join(''), changed: true, msg: 'line added' });
  const unchanged: EditResult = { text, changed: false, msg: '' };
  const at = (i: number) => stripEol(lines[i] ?? '');

  if (matchIdx !== -1) {
    let newLine = o.backrefs && match ? expandMatch(line, match) : line;
    if (!newLine.endsWith(sep)) newLine += sep;
    // an exact match of a last line without terminator is rewritten with one, as Ansible does
    if (lines[matchIdx] !== newLine) {
      lines[matchIdx] = newLine;
      return { text: lines.join(''), changed: true, msg: 'line replaced' };
    }
    return unchanged;
  }
  if (o.backrefs) return unchanged; // no match: not safe to build the line without backrefs
  if (insertbefore === 'BOF' || insertafter === 'BOF') {
    lines.unshift(line + sep);
    return added(lines);
  }
  if (insertafter === 'EOF' || insIdx === -1) {
    if (lacksFinalNewline(lines)) lines[lines.length - 1] += sep;
    lines.push(line + sep);
    return added(lines);
  }
  if (insertafter !== undefined) {
    if (insIdx === lines.length) {
      if (at(insIdx - 1) === line) return unchanged;
      // Ansible would glue the line onto an unterminated last line here; we terminate it first
      if (lacksFinalNewline(lines)) lines[lines.length - 1] += sep;
      lines.push(line + sep);
      return added(lines);
    }
    if (at(insIdx) === line) return unchanged;
    lines.splice(insIdx, 0, line + sep);
    return added(lines);
  }
  lines.splice(insIdx, 0, line + sep);
  return added(lines);
}

export interface AbsentOptions {
  readonly regexp?: RegExp;
  readonly searchString?: string;
  readonly line?: string;
}

/** Removes every line matching regexp, containing search_string, or equal to line. */
export function ensureLineAbsent(text: string, o: AbsentOptions): EditResult {
  let found = 0;
  const kept = splitLinesKeepEnds(text).filter((l) => {
    const bare = stripEol(l);
    const hit = o.regexp ? o.regexp.test(bare) : o.searchString !== undefined ? bare.includes(o.searchString) : bare === o.line;
    if (hit) found++;
    return !hit;
  });
  return { text: kept.join(''), changed: found > 0, msg: found > 0 ? `${found} line(s) removed` : '', found };
}
