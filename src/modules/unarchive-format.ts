// unarchive helpers: archive format from magic bytes, list/extract argv for tar and unzip, listing parsers.

import { resolveMode, type Mode } from './symbolic-mode.js';

export type ArchiveFormat = 'zip' | 'tar' | 'tar.gz' | 'tar.bz2' | 'tar.xz';

export interface Member {
  /** path as it will land under dest (leading ./ and trailing / removed, strip-components applied) */
  readonly path: string;
  readonly type: 'file' | 'dir' | 'link' | 'other';
  readonly size: number;
}

export interface DestEntry {
  readonly type: string;
  readonly size: number;
  readonly owner: string;
  readonly uid: string;
  readonly group: string;
  readonly gid: string;
  readonly mode: number;
}

/** Recognises the archive by its first bytes (the name may lie, e.g. a .jar or a download without extension). */
export function detectFormat(head: Buffer): ArchiveFormat | undefined {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) return 'zip';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  if (head.subarray(0, 3).toString('latin1') === 'BZh') return 'tar.bz2';
  if (head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'tar.xz';
  if (head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  return undefined;
}

const TAR_FLAG: Record<Exclude<ArchiveFormat, 'zip'>, string[]> = { tar: [], 'tar.gz': ['-z'], 'tar.bz2': ['-j'], 'tar.xz': ['-J'] };

export function buildListArgv(format: ArchiveFormat, file: string): string[] {
  return format === 'zip' ? ['unzip', '-Z', file] : ['tar', '-t', '-v', ...TAR_FLAG[format], '-f', file];
}

export function buildExtractArgv(format: ArchiveFormat, file: string, dest: string, extra: readonly string[]): string[] {
  if (format === 'zip') return ['unzip', '-o', '-q', ...extra, file, '-d', dest];
  // -C first, as Ansible's unarchive: member patterns among extra_opts then unpack into dest too
  return ['tar', '-x', ...TAR_FLAG[format], '-C', dest, ...extra, '-f', file];
}

// `unzip -Z` (zipinfo): perms, version, os, size, text/binary, method, date, time, name
const ZIP_LINE = /^(\S)\S*\s+\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+\S+\s+\d\d:\d\d\s(.*)$/;
// `tar -tv` (GNU, LC_ALL=C): perms, owner/group, size, date, time, name
const TAR_LINE = /^(\S)\S*\s+\S+\s+(\d+)\s+\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)?\s(.*)$/;

/** Parses `tar -tv` or `unzip -Z` output into members. */
export function parseListing(format: ArchiveFormat, out: string, stripComponents: number): Member[] {
  const members: Member[] = [];
  const add = (name: string, type: Member['type'], size: number) => {
    const parts = name.replace(/^(\.\/)+/, '').split('/').filter((p) => p !== '' && p !== '.');
    if (parts.length <= stripComponents) return;
    members.push({ path: parts.slice(stripComponents).join('/'), type, size });
  };
  for (const line of out.split('\n')) {
    const m = (format === 'zip' ? ZIP_LINE : TAR_LINE).exec(line);
    if (!m) continue;
    const kind = m[1]!;
    if (kind === 'd' || m[3]!.endsWith('/')) add(m[3]!, 'dir', 0);
    else if (kind === 'l') add(m[3]!.replace(/ -> .*$/, ''), 'link', 0);
    else if (kind === 'h') add(m[3]!.replace(/ link to .*$/, ''), 'file', -1);
    else if (kind === '-') add(m[3]!, 'file', Number(m[2]));
    else add(m[3]!, 'other', 0);
  }
  return members;
}

/** find -printf format read by parseDestListing: type, size, user, uid, group, gid, octal mode, relative path. */
export const FIND_FORMAT = '%y\\t%s\\t%u\\t%U\\t%g\\t%G\\t%m\\t%P\\n';

export function parseDestListing(out: string): Map<string, DestEntry> {
  const entries = new Map<string, DestEntry>();
  for (const line of out.split('\n')) {
    const f = line.split('\t');
    if (f.length < 8 || f[7] === '') continue;
    entries.set(f.slice(7).join('\t'), { type: f[0]!, size: Number(f[1]), owner: f[2]!, uid: f[3]!, group: f[4]!, gid: f[5]!, mode: parseInt(f[6]!, 8) });
  }
  return entries;
}

export interface Wanted {
  readonly owner?: string;
  readonly group?: string;
  readonly mode?: Mode;
}

/** Members that are missing under dest or differ in type, size, owner, group or mode. */
export function findDifferences(members: readonly Member[], dest: ReadonlyMap<string, DestEntry>, want: Wanted): string[] {
  const out: string[] = [];
  for (const m of members) {
    const d = dest.get(m.path);
    const why = !d ? 'missing'
      : m.type === 'dir' && d.type !== 'd' ? 'not a directory'
      : m.type === 'file' && d.type !== 'f' ? 'not a file'
      : m.type === 'file' && m.size >= 0 && d.size !== m.size ? `size ${d.size}, archive ${m.size}`
      : want.owner !== undefined && want.owner !== d.owner && want.owner !== d.uid ? `owner ${d.owner}`
      : want.group !== undefined && want.group !== d.group && want.group !== d.gid ? `group ${d.group}`
      : want.mode !== undefined && m.type !== 'link' && resolveMode(want.mode, d.mode, d.type === 'd') !== d.mode ? `mode ${d.mode.toString(8)}`
      : undefined;
    if (why) out.push(`${m.path} (${why})`);
  }
  return out;
}

/** --strip-components=N (or --strip-components N) in extra_opts, so the comparison looks where tar writes. */
export function readStripComponents(extra: readonly string[]): number {
  for (let i = 0; i < extra.length; i++) {
    const m = /^--strip-components(?:=(\d+))?$/.exec(extra[i]!);
    if (m) return Number(m[1] ?? extra[i + 1] ?? 0);
  }
  return 0;
}
