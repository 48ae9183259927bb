// Reads everything Ansible's stat reports about one path with a single fixed script (stat(1), test, readlink, *sum, file, lsattr).

import type { ReadContext } from './types.js';
import { requireConn } from './file-common.js';
import { LocalConnection } from '../connection/local.js';
import { FALLBACK, probeLocally } from './stat-local.js';

export const CHECKSUM_ALGORITHMS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export interface ProbeRequest {
  readonly path: string;
  readonly follow: boolean;
  /** undefined: no checksum */
  readonly checksum?: ChecksumAlgorithm;
  readonly mime: boolean;
  readonly attributes: boolean;
}

/** The raw facts; null when the path does not exist. */
export interface ProbeFacts {
  /** raw st_mode (type and permission bits) */
  readonly rawMode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  readonly inode: number;
  readonly dev: number;
  readonly nlink: number;
  readonly atime: number;
  readonly mtime: number;
  readonly ctime: number;
  readonly blocks: number;
  readonly blockSize: number;
  readonly deviceType: number;
  readonly owner?: string;
  readonly group?: string;
  readonly readable: boolean;
  readonly writeable: boolean;
  readonly executable: boolean;
  readonly linkTarget?: string;
  readonly linkSource?: string;
  readonly checksum?: string;
  readonly mime?: string;
  readonly lsattr?: string;
}

// Fixed text; values arrive as $1 path, $2 follow (1/0), $3 checksum algorithm or '', $4 mime (1/0), $5 attributes (1/0).
// Prints 'absent', or NUL-separated: stat fields, access letters, link target, link source, checksum, mime, lsattr line.
const PROBE_SCRIPT = `p=$1; algo=$3; L=; [ "$2" = 1 ] && L=-L
if ! s=$(stat $L --printf '%f %u %g %s %i %d %h %.9X %.9Y %.9Z %b %o %r\\n%U\\n%G' -- "$p" 2>&1); then
  case $s in *'No such file or directory'*|*'Not a directory'*) printf absent; exit 0;; esac
  printf '%s\\n' "$s" >&2; exit 3
fi
printf '%s\\0' "$s"
a=; [ -r "$p" ] && a=r; [ -w "$p" ] && a=\${a}w; [ -x "$p" ] && a=\${a}x; printf '%s\\0' "$a"
if [ -z "$L" ] && [ -L "$p" ]; then printf '%s\\0%s\\0' "$(readlink -- "$p")" "$(realpath -m -- "$p")"; else printf '\\0\\0'; fi
c=; case \${s%% *} in 8???) [ -n "$algo" ] && [ -r "$p" ] && c=$("\${algo}sum" < "$p") && c=\${c%% *};; esac; printf '%s\\0' "$c"
m=; [ "$4" = 1 ] && { m=$(file -b --mime-type --mime-encoding -- "$p" 2>/dev/null) || m=; }; printf '%s\\0' "$m"
t=; [ "$5" = 1 ] && { t=$(lsattr -vd -- "$p" 2>/dev/null) || t=; }; printf '%s\\0' "$t"`;

/** Runs the probe on the host (as the become user); throws with the host's message when stat fails otherwise than "missing". */
export async function probePath(ctx: ReadContext, req: ProbeRequest): Promise<ProbeFacts | null> {
  const conn = requireConn(ctx, 'stat');
  // this machine, as this user, outside --check's overlay: no child process (stat-local.ts)
  if (conn instanceof LocalConnection && !ctx.become) {
    const local = await probeLocally(req);
    if (local !== FALLBACK) return local;
  }
  const argv = ['sh', '-c', PROBE_SCRIPT, 'stat', req.path, req.follow ? '1' : '0', req.checksum ?? '', req.mime ? '1' : '0', req.attributes ? '1' : '0'];
  const r = await conn.exec(argv, { become: ctx.become, env: { LC_ALL: 'C' } });
  if (r.exitCode !== 0) throw new Error(`cannot stat ${req.path} on ${ctx.host}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
  if (r.stdout === 'absent') return null;
  return parseProbe(r.stdout);
}

function parseProbe(out: string): ProbeFacts {
  const [stat = '', access = '', linkTarget = '', linkSource = '', checksum = '', mime = '', lsattr = ''] = out.split('\0');
  const [nums = '', owner = '', group = ''] = stat.split('\n');
  const f = nums.trim().split(' ');
  const int = (i: number) => Number.parseInt(f[i] ?? '', 10);
  const num = (i: number) => Number(f[i]);
  return {
    rawMode: Number.parseInt(f[0] ?? '', 16),
    uid: int(1),
    gid: int(2),
    size: int(3),
    inode: int(4),
    dev: int(5),
    nlink: int(6),
    atime: num(7),
    mtime: num(8),
    ctime: num(9),
    blocks: int(10),
    blockSize: int(11),
    deviceType: int(12),
    owner: owner === 'UNKNOWN' ? undefined : owner,
    group: group === 'UNKNOWN' ? undefined : group,
    readable: access.includes('r'),
    writeable: access.includes('w'),
    executable: access.includes('x'),
    linkTarget: linkTarget || undefined,
    linkSource: linkSource || undefined,
    checksum: checksum || undefined,
    mime: mime || undefined,
    lsattr: lsattr || undefined,
  };
}
