// Reads an Ansible INI inventory: [group], [group:vars], [group:children], inline host vars, ranges.

import { UserError, type SourceLoc } from '../errors.js';
import { didYouMean } from '../util/closest.js';
import { InventoryDraft } from './draft.js';
import { expandHostRange, splitHostPort } from './host-range.js';
import { splitHostLine, TokenError } from './ini-tokens.js';
import { parseIniValue } from './python-literal.js';

const SECTION = /^\[([^:\]\s]+)(?::([^\]\s]*))?\]\s*(?:[#;].*)?$/;
const SECTION_TYPES = ['hosts', 'vars', 'children'];
const IPV6_HOST = /^\[[0-9a-fA-F]*:[0-9a-fA-F:.]*\]/;

type State = 'hosts' | 'vars' | 'children';

interface Pending {
  readonly loc: SourceLoc;
  readonly message: string;
}

/** Parses INI inventory text into a draft; every error points at file:line:col. */
export function parseIniInventory(text: string, file: string): InventoryDraft {
  const lines = text.split(/\r?\n/);
  const draft = new InventoryDraft(file, lines);
  const declared = new Set(['all', 'ungrouped']);
  // like Ansible: [g:vars] needs [g] or [g:children] somewhere; so does a group listed as a child
  const pending = new Map<string, Pending>();
  let group = 'ungrouped';
  let state: State = 'hosts';

  lines.forEach((raw, idx) => {
    const lineNo = idx + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    const indent = raw.length - raw.trimStart().length;
    const at = (col: number): SourceLoc => ({ file, line: lineNo, col });
    const fail = (message: string, col = indent + 1): never => {
      throw new UserError(message, at(col), raw);
    };

    if (trimmed.startsWith('[') && !IPV6_HOST.test(trimmed)) {
      const m = SECTION.exec(trimmed);
      if (!m) return fail(`malformed section header '${trimmed}': expected [group], [group:vars] or [group:children]`);
      const name = m[1]!;
      const type = m[2] === undefined ? 'hosts' : m[2];
      if (!SECTION_TYPES.includes(type)) {
        const col = indent + 1 + raw.trimStart().indexOf(':') + 1;
        return fail(`unknown section type '${type}' in [${name}:${type}]: expected vars or children${didYouMean(type, SECTION_TYPES)}`, col);
      }
      group = name;
      state = type as State;
      draft.ensureGroup(name, at(indent + 2));
      if (state === 'vars') {
        if (!declared.has(name) && !pending.has(name)) {
          pending.set(name, { loc: at(indent + 2), message: `section [${name}:vars] is for a group that is never declared with [${name}] or [${name}:children]` });
        }
      } else {
        declared.add(name);
        pending.delete(name);
      }
      return;
    }

    if (state === 'vars') {
      const eq = trimmed.indexOf('=');
      if (eq < 0) return fail(`expected key=value in [${group}:vars], got '${trimmed}'`);
      const key = trimmed.slice(0, eq).trim();
      if (key === '' || /\s/.test(key)) return fail(`bad variable name '${key}' in [${group}:vars]`);
      draft.setGroupVar(group, key, parseIniValue(trimmed.slice(eq + 1).trim()), at(indent + 1));
      return;
    }

    let tokens;
    try {
      tokens = splitHostLine(raw);
    } catch (e) {
      if (e instanceof TokenError) return fail(e.message, e.col);
      throw e;
    }
    if (tokens.length === 0) return;
    const first = tokens[0]!;
    const failAt = (col: number) => (message: string): never => fail(message, col);

    if (state === 'children') {
      if (tokens.length > 1) return fail(`expected one group name per line in [${group}:children], got '${trimmed}'`, tokens[1]!.col);
      const child = first.text;
      draft.addChild(group, child, at(first.col));
      if (!declared.has(child) && !pending.has(child)) {
        pending.set(child, { loc: at(first.col), message: `section [${group}:children] includes undefined group '${child}' (declare it with [${child}])` });
      }
      return;
    }

    const { host, port } = splitHostPort(first.text, failAt(first.col));
    const names = expandHostRange(host, failAt(first.col));
    const vars: Record<string, unknown> = {};
    const varLocs = new Map<string, SourceLoc>();
    if (port !== undefined) vars['ansible_port'] = port;
    for (const t of tokens.slice(1)) {
      const eq = t.text.indexOf('=');
      if (eq <= 0) return fail(`expected key=value host variable, got '${t.text}'`, t.col);
      vars[t.text.slice(0, eq)] = parseIniValue(t.text.slice(eq + 1));
      varLocs.set(t.text.slice(0, eq), at(t.col));
    }
    for (const name of names) draft.addHost(group, name, at(first.col), vars, varLocs);
  });

  for (const [name, p] of pending) {
    throw draft.errorAt(p.message + didYouMean(name, declared), p.loc);
  }
  return draft;
}
