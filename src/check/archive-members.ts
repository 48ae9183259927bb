// Check mode: the member tree an unarchive would extract, listed and read on the controller (names, modes, owners, bytes).

import { execFile } from 'node:child_process';
import type { ArchiveFormat } from '../modules/unarchive-format.js';

export interface ArchiveMember {
  readonly archive: string;
  readonly format: ArchiveFormat;
  /** the name inside the archive (for reading its bytes) */
  readonly name: string;
  /** path under dest once extracted (strip-components applied) */
  readonly path: string;
  readonly type: 'file' | 'dir' | 'link' | 'other';
  /** permission bits as stored */
  readonly mode: number;
  readonly size: number;
  /** owner/group names as stored (tar) */
  readonly owner?: string;
  readonly group?: string;
  readonly linkTarget?: string;
}

const C_LOCALE = { LC_ALL: 'C' };
const TAR_FLAG: Record<Exclude<ArchiveFormat, 'zip'>, string[]> = { tar: [], 'tar.gz': ['-z'], 'tar.bz2': ['-j'], 'tar.xz': ['-J'] };
// `tar -tv` (GNU, LC_ALL=C): perms, owner/group, size, date, time, name
const TAR_LINE = /^(\S{10})\s+([^/\s]+)\/(\S+)\s+(\d+)\s+\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)?\s(.*)$/;
// `unzip -Z`: perms, version, os, size, text/binary, method, date, time, name
const ZIP_LINE = /^(\S{10})\s+\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+\S+\s+\d\d:\d\d\s(.*)$/;

/** rwxr-xr-x (with s/t) -> permission bits */
export function permBits(perms: string): number {
  const p = perms.slice(1);
  let mode = 0;
  const bit = (i: number, ch: string, value: number) => (p[i] === ch || p[i] === ch.toUpperCase() ? value : 0);
  for (let i = 0; i < 9; i++) {
    const c = p[i] ?? '-';
    if (c !== '-' && c !== 'S' && c !== 'T') mode |= 1 << (8 - i);
  }
  mode |= bit(2, 's', 0o4000) | bit(5, 's', 0o2000) | bit(8, 't', 0o1000);
  return mode;
}

function typeOf(ch: string, name: string): ArchiveMember['type'] {
  if (ch === 'd' || name.endsWith('/')) return 'dir';
  if (ch === 'l') return 'link';
  if (ch === '-' || ch === 'h') return 'file';
  return 'other';
}

/** Every member of a controller archive as it lands under dest. */
export async function listArchiveMembers(archive: string, format: ArchiveFormat, stripComponents: number): Promise<ArchiveMember[]> {
  const argv = format === 'zip' ? ['unzip', '-Z', archive] : ['tar', '-t', '-v', ...TAR_FLAG[format], '-f', archive];
  const out: ArchiveMember[] = [];
  for (const line of (await runController(argv, `cannot list ${archive} on the controller`)).toString('utf8').split('\n')) {
    const t = format === 'zip' ? null : TAR_LINE.exec(line);
    const z = format === 'zip' ? ZIP_LINE.exec(line) : null;
    if (!t && !z) continue;
    const perms = (t ?? z)![1]!;
    let name = t ? t[5]! : z![3]!;
    let linkTarget: string | undefined;
    if (perms[0] === 'l') [name, linkTarget] = name.split(' -> ') as [string, string];
    if (perms[0] === 'h') name = name.replace(/ link to .*$/, '');
    const parts = name.replace(/^(\.\/)+/, '').split('/').filter((x) => x !== '' && x !== '.');
    if (parts.length <= stripComponents) continue;
    out.push({
      archive, format, name: name.replace(/\/$/, format === 'zip' ? '/' : ''), path: parts.slice(stripComponents).join('/'),
      type: typeOf(perms[0]!, name), mode: permBits(perms), size: Number(t ? t[4] : z![2]),
      ...(t ? { owner: t[2], group: t[3] } : {}), ...(linkTarget !== undefined ? { linkTarget } : {}),
    });
  }
  return out;
}

/** The bytes of one member, read on the controller. */
export async function readArchiveMember(m: ArchiveMember): Promise<Buffer> {
  const argv = m.format === 'zip' ? ['unzip', '-p', m.archive, m.name.replace(/[[\]*?\\]/g, '\\$&')] : ['tar', '-x', '-O', ...TAR_FLAG[m.format], '-f', m.archive, '--', m.name];
  return runController(argv, `cannot read ${m.name} from ${m.archive} on the controller`);
}

/** argv on the controller (no shell); its stdout as bytes. */
function runController(argv: readonly string[], what: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(argv[0]!, argv.slice(1), { env: { ...process.env, ...C_LOCALE }, encoding: 'buffer', maxBuffer: 1 << 30 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${what}: ${stderr.toString('utf8').trim() || err.message}`));
      else resolve(stdout);
    });
  });
}
