// File operations done with POSIX tools over Connection.exec: used by ssh and by local become.
// The scripts take their inputs as positional arguments ("$1"...), never spliced into the text.

import type { Become, Connection, FileStat, WriteOptions } from './types.js';
import { mountPointError } from './in-place.js';
import { isStaleTemp, isTempName, tempTag } from './temp-files.js';

// exec results are utf8 strings, so bytes travel as base64 to stay binary-safe
const READ_SCRIPT = 'if [ -e "$1" ] || [ -L "$1" ]; then base64 < "$1"; else echo "esbplay: missing" >&2; exit 3; fi';

export async function readViaExec(conn: Connection, file: string, become?: Become): Promise<Buffer | null> {
  const r = await conn.exec(['sh', '-c', READ_SCRIPT, 'sh', file], { become, unboundedOutput: true });
  if (r.exitCode === 3 && r.stderr.includes('esbplay: missing')) return null;
  if (r.exitCode !== 0) throw new Error(`cannot read ${file}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
  return Buffer.from(r.stdout.replace(/\s+/g, ''), 'base64');
}

// %F type, %a octal mode, %u uid, %g gid, %U user, %G group, %s size, %Y mtime; the link
// target comes from readlink so names with spaces or quotes survive.
const STAT_SCRIPT =
  'if [ -e "$1" ] || [ -L "$1" ]; then stat -c "%F|%a|%u|%g|%U|%G|%s|%Y" -- "$1" && ' +
  'if [ -L "$1" ]; then readlink -- "$1"; fi; else echo missing; fi';

export async function statViaExec(conn: Connection, file: string, become?: Become): Promise<FileStat> {
  const r = await conn.exec(['sh', '-c', STAT_SCRIPT, 'sh', file], { become });
  if (r.exitCode !== 0) throw new Error(`cannot stat ${file}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
  return parseStat(r.stdout);
}

export function parseStat(out: string): FileStat {
  const nl = out.indexOf('\n');
  const first = nl < 0 ? out : out.slice(0, nl);
  if (first.trim() === 'missing') return { exists: false };
  const [kind, mode, uid, gid, owner, group, size, mtime] = first.split('|');
  const type = kind === 'regular file' || kind === 'regular empty file' ? 'file'
    : kind === 'directory' ? 'directory' : kind === 'symbolic link' ? 'symlink' : 'other';
  const rest = nl < 0 ? '' : out.slice(nl + 1);
  return {
    exists: true,
    type,
    mode: parseInt(mode ?? '0', 8),
    uid: Number(uid),
    gid: Number(gid),
    owner: owner === 'UNKNOWN' ? undefined : owner,
    group: group === 'UNKNOWN' ? undefined : group,
    size: Number(size),
    mtimeMs: Number(mtime) * 1000,
    linkTarget: type === 'symlink' ? rest.replace(/\n$/, '') : undefined,
  };
}

// Atomic write: temp file in the target's directory, then mv over the target. Mode and owner
// are applied to the temp file first, so the target never exists with the wrong ones.
// $5 is the byte count the caller sent: when stdin ended early (a connection dropped mid-transfer,
// which closes stdin like a normal EOF) the temp file is shorter, and it is removed, never renamed.
// $7 names the temp file (.NAME.esbplay-TAG.tmp, TAG from temp-files.ts: which controller process
// owns it), created exclusively; a TERM (an interrupted run) removes it and stops before the mv.
const WRITE_SCRIPT = [
  'set -e',
  'umask 077',
  'd=$(dirname -- "$1")',
  'tmp="$d/.$(basename -- "$1").esbplay-$7.tmp"',
  '(set -C; : > "$tmp")',
  'trap \'rm -f -- "$tmp"\' EXIT',
  'trap \'rm -f -- "$tmp"; exit 143\' INT TERM HUP',
  'cat > "$tmp"',
  'got=$(wc -c < "$tmp" | tr -d " ")',
  'if [ "$got" != "$5" ]; then echo "esbplay: short write: got $got of $5 bytes; $1 left unchanged" >&2; exit 75; fi',
  'if [ -n "$2" ]; then chmod "$2" "$tmp"; elif [ -e "$1" ]; then chmod "$(stat -c %a -- "$1")" "$tmp"; else chmod 644 "$tmp"; fi',
  'if [ -n "$3" ]; then chown -- "$3" "$tmp"; elif [ -e "$1" ]; then chown "$(stat -c %u:%g -- "$1")" "$tmp" 2>/dev/null || true; fi',
  'if [ -n "$4" ]; then chgrp -- "$4" "$tmp"; fi',
  'sync "$tmp" 2>/dev/null || true',
  // a mount point cannot be renamed over: with unsafe_writes ($6) it is rewritten in place, else refused
  'if mountpoint -q -- "$1" 2>/dev/null; then',
  '  if [ -z "$6" ]; then echo "esbplay: mount point: $1" >&2; exit 76; fi',
  '  cat -- "$tmp" > "$1"',
  '  if [ -n "$2" ]; then chmod "$2" -- "$1"; fi',
  '  if [ -n "$3" ]; then chown -- "$3" "$1"; fi',
  '  if [ -n "$4" ]; then chgrp -- "$4" "$1"; fi',
  '  rm -f -- "$tmp"',
  'else',
  '  mv -f -- "$tmp" "$1"',
  'fi',
  'trap - EXIT INT TERM HUP',
].join('\n');

/** The argv that writes `length` bytes from stdin to file atomically (exported for tests that feed it directly). */
export function buildWriteArgv(file: string, length: number, opts: WriteOptions = {}): string[] {
  const mode = opts.mode !== undefined ? opts.mode.toString(8) : '';
  return ['sh', '-c', WRITE_SCRIPT, 'sh', file, mode, opts.owner ?? '', opts.group ?? '', String(length), opts.unsafeWrites ? '1' : '', tempTag()];
}

export async function execViaSudoWrite(conn: Connection, file: string, data: Buffer, opts: WriteOptions = {}): Promise<void> {
  const r = await conn.exec(buildWriteArgv(file, data.length, opts), {
    stdin: data,
    become: opts.become,
  });
  if (r.exitCode === 76 && r.stderr.includes('esbplay: mount point')) throw mountPointError(file);
  if (r.exitCode !== 0) throw new Error(`cannot write ${file}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
}

// Lists esbplay temp files in a directory ($1) with their mtimes (s): "NAME<TAB>MTIME" lines.
const LIST_TEMPS_SCRIPT = 'cd -- "$1" 2>/dev/null || exit 0; for f in .*.esbplay*; do if [ -f "$f" ]; then printf "%s\\t%s\\n" "$f" "$(stat -c %Y -- "$f")"; fi; done; exit 0';

/** Removes the temp files a killed run left in `dir` (over exec, with become when the writes use it). */
export async function sweepViaExec(conn: Connection, dir: string, become?: Become): Promise<void> {
  const r = await conn.exec(['sh', '-c', LIST_TEMPS_SCRIPT, 'sh', dir], { become });
  if (r.exitCode !== 0) return;
  const stale = r.stdout.split('\n').map((l) => l.split('\t')).filter(([name, mtime]) => name && isTempName(name) && isStaleTemp(name, Number(mtime) * 1000));
  if (stale.length > 0) await conn.exec(['rm', '-f', '--', ...stale.map(([name]) => `${dir.replace(/\/$/, '')}/${name}`)], { become });
}
