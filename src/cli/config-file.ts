// esbplay.cfg: which file is read (ESBPLAY_CONFIG, ./esbplay.cfg, ~/.esbplay.cfg, the first found) and its INI entries.

import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import { closest } from '../util/closest.js';
import { iniKeys } from './run-settings.js';

/** One `key = value` of the file, with where it was written. */
export interface ConfigEntry {
  readonly value: string;
  readonly line: number;
}

export interface ConfigFile {
  readonly file: string;
  /** `section.key` -> entry (keys lower-cased, as Python's configparser does) */
  readonly entries: ReadonlyMap<string, ConfigEntry>;
  /** keys the file sets that esbplay does not read, as `file:line: ...` */
  readonly warnings: readonly string[];
}

/**
 * The configuration file of this run, as Ansible picks ansible.cfg: the file ESBPLAY_CONFIG names,
 * else esbplay.cfg in the current directory (unless that directory is world-writable: anyone could
 * plant one), else ~/.esbplay.cfg. Only the first one found is read; files are not merged.
 */
export function findConfigFile(cwd: string, env: NodeJS.ProcessEnv, warnings: string[]): string | undefined {
  if (env.ESBPLAY_CONFIG) {
    const named = path.resolve(cwd, env.ESBPLAY_CONFIG);
    if (!existsSync(named)) throw new UserError(`ESBPLAY_CONFIG names ${named}, which does not exist`);
    return named;
  }
  const local = path.join(cwd, 'esbplay.cfg');
  if (existsSync(local)) {
    if ((statSync(cwd).mode & 0o002) === 0) return local;
    warnings.push(`esbplay is being run in a world writable directory (${cwd}), ignoring it as a config source (${local})`);
  }
  const home = env.HOME ?? os.homedir();
  const user = path.join(home, '.esbplay.cfg');
  return existsSync(user) ? user : undefined;
}

/** Reads an INI file the way configparser does: `[section]`, `key = value` or `key: value`, `#`/`;` comments, indented continuation lines. */
export function readConfigFile(file: string): ConfigFile {
  const entries = new Map<string, ConfigEntry>();
  const warnings: string[] = [];
  const known = iniKeys();
  let section: string | undefined;
  let last: string | undefined;
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (/^\s*([#;].*)?$/.test(raw)) return;
    if (/^\s/.test(raw) && last) {
      const prev = entries.get(last)!;
      entries.set(last, { value: `${prev.value}\n${raw.trim()}`, line: prev.line });
      return;
    }
    const head = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (head) {
      section = head[1]!.trim();
      last = undefined;
      return;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!kv) throw new UserError(`expected [section] or key = value`, { file, line, col: 1 }, raw);
    if (!section)
      throw new UserError(`'${kv[1]}' comes before any [section] header (put it under [defaults])`, { file, line, col: 1 }, raw);
    const key = `${section}.${kv[1]!.toLowerCase()}`;
    const value = stripInlineComment(kv[2]!);
    last = key;
    entries.set(key, { value, line });
    if (!known.has(key))
      warnings.push(`${file}:${line}: [${section}] ${kv[1]} is not an esbplay setting and is ignored${suggest(key, known)}`);
  });
  return { file, entries, warnings };
}

/** configparser with inline comments: ` ;` or ` #` after a value starts a comment. */
function stripInlineComment(v: string): string {
  const m = /\s[;#]/.exec(v);
  return (m ? v.slice(0, m.index) : v).trim();
}

function suggest(key: string, known: ReadonlyMap<string, unknown>): string {
  const hit = closest(key, [...known.keys()]);
  return hit ? ` (did you mean [${hit.split('.')[0]}] ${hit.split('.')[1]}?)` : '';
}
