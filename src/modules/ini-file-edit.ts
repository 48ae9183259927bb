// ini_file's pure text edit: a port of community.general's do_ini() that keeps every untouched byte and the file's line endings.

import { detectEol, splitLinesKeepEnds, stripEol } from './text-lines.js';

export interface IniEdit {
  /** null or '': the global part before the first section */
  readonly section?: string | null;
  readonly option?: string;
  /** wanted values (value: one); duplicates are ignored */
  readonly values: readonly string[];
  readonly state: 'present' | 'absent';
  readonly exclusive: boolean;
  readonly noExtraSpaces: boolean;
  readonly allowNoValue: boolean;
}

export interface IniResult {
  readonly text: string;
  readonly changed: boolean;
  readonly msg: string;
}

// Ansible inserts this fake section name so the global part is a section like any other
const FAKE = 'ad01e11446efb704fcdbdb21f2c43757423d91c5';
const BLANK_OR_COMMENT = /^[ \t]*([#;].*)?$/;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Like Ansible's match_opt: the option, also commented out with # or ;. Group 3 is the value. */
function optionPattern(option: string, active: boolean): RegExp {
  return new RegExp(`^${active ? '' : '[#;]?'}[ \\t]*(${escapeRe(option)})[ \\t]*(=|$)[ \\t]*(.*)`);
}

interface Line {
  text: string;
  /** the line's own terminator ('' only for the fake lines) */
  eol: string;
}

/** Applies the edit to TEXT (without a BOM); unchanged lines keep their exact bytes. */
export function editIni(text: string, e: IniEdit): IniResult {
  const sep = detectEol(text);
  const lines: Line[] = splitLinesKeepEnds(text).map((l) => ({ text: stripEol(l), eol: l.slice(stripEol(l).length) }));
  let changed = false;
  let msg = 'OK';
  if (lines.length === 0) lines.push({ text: '', eol: sep });
  const last = lines[lines.length - 1]!;
  if (last.eol === '') {
    // Ansible terminates an unterminated last line (and counts that as a change)
    last.eol = sep;
    changed = true;
  }
  const section = e.section ? e.section : FAKE;
  const all: Line[] = [{ text: `[${FAKE}]`, eol: '' }, ...lines, { text: '[', eol: '' }];
  let within = false;
  let start = 0;
  let end = 0;
  for (const [i, l] of all.entries()) {
    if (l.text.startsWith(`[${section}]`)) {
      within = true;
      start = i;
    } else if (l.text.startsWith('[') && within) {
      end = i;
      break;
    }
  }
  const before = all.slice(0, start);
  let body = all.slice(start, end);
  const after = all.slice(end);
  const marked = body.map(() => false);
  const values = [...new Set(e.values)];
  const option = e.option;
  const assign = (v: string) => (e.noExtraSpaces ? `${option}=${v}` : `${option} = ${v}`);
  const setLine = (i: number, text: string) => {
    if (body[i]!.text !== text) {
      changed = true;
      msg = 'option changed';
      body[i] = { text, eol: body[i]!.eol || sep };
    }
    marked[i] = true;
  };
  let noValuePresent = false;

  if (e.state === 'present' && option !== undefined) {
    const re = optionPattern(option, false);
    for (let i = 0; i < body.length; i++) {
      const m = re.exec(body[i]!.text);
      if (!m) continue;
      const found = m[3]!;
      if (values.length > 0 && values.includes(found)) {
        if (!found && e.allowNoValue) {
          setLine(i, option);
          noValuePresent = true;
        } else setLine(i, assign(found));
        values.splice(values.indexOf(found), 1);
      } else if (values.length === 0 && e.allowNoValue) {
        setLine(i, option);
        noValuePresent = true;
        break;
      }
    }
  }
  if (e.state === 'present' && e.exclusive && !e.allowNoValue && option !== undefined) {
    const re = optionPattern(option, false);
    if (values.length > 0) {
      for (let i = 0; i < body.length; i++) {
        if (marked[i] || !re.test(body[i]!.text)) continue;
        setLine(i, assign(values.shift()!));
        if (values.length === 0) break;
      }
    }
    for (let i = body.length - 1; i > 0; i--) {
      if (!marked[i] && re.test(body[i]!.text)) {
        body.splice(i, 1);
        marked.splice(i, 1);
        changed = true;
        msg = 'option changed';
      }
    }
  }
  if (e.state === 'present') {
    for (let i = body.length; i > 0; i--) {
      if (BLANK_OR_COMMENT.test(body[i - 1]!.text)) continue;
      const add = option !== undefined && values.length > 0 ? values.map(assign)
        : option !== undefined && values.length === 0 && e.allowNoValue && !noValuePresent ? [option] : [];
      if (add.length > 0) {
        body.splice(i, 0, ...add.map((text) => ({ text, eol: sep })));
        msg = 'option added';
        changed = true;
      }
      break;
    }
  }
  if (e.state === 'absent') {
    if (option !== undefined) {
      const re = optionPattern(option, true);
      const kept = body.filter((l) => {
        const m = re.exec(l.text);
        return !(m && (e.exclusive || values.includes(m[3]!)));
      });
      if ((e.exclusive || values.length > 0) && kept.length !== body.length) {
        body = kept;
        changed = true;
        msg = 'option changed';
      }
    } else if (body.length > 0) {
      body = [];
      msg = 'section removed';
      changed = true;
    }
  }
  const out = [...before, ...body, ...after].slice(1, -1);
  if (!within && e.state === 'present') {
    out.push({ text: `[${section}]`, eol: sep });
    msg = 'section and option added';
    if (option !== undefined && values.length > 0) out.push(...values.map((v) => ({ text: assign(v), eol: sep })));
    else if (option !== undefined && e.allowNoValue) out.push({ text: option, eol: sep });
    else msg = 'only section added';
    changed = true;
  }
  return { text: out.map((l) => l.text + l.eol).join(''), changed, msg };
}
