// The `stat` module: facts about one path on the host in Ansible's `stat` result shape; never changes anything.

import type { ModuleDefinition, Plan } from './types.js';
import { CHECKSUM_ALGORITHMS, probePath, type ChecksumAlgorithm, type ProbeFacts } from './stat-probe.js';

export interface StatArgs {
  path: string;
  follow: boolean;
  get_checksum: boolean;
  checksum_algorithm: ChecksumAlgorithm;
  get_mime: boolean;
  get_attributes: boolean;
}

// Ansible's module_utils FILE_ATTRIBUTES: lsattr letters -> names
const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  A: 'noatime', a: 'append', c: 'compressed', C: 'nocow', d: 'nodump', D: 'dirsync', e: 'extents', E: 'encrypted',
  h: 'blocksize', i: 'immutable', I: 'indexed', j: 'journalled', N: 'inline', s: 'zero', S: 'synchronous',
  t: 'notail', T: 'blockroot', u: 'undelete', X: 'compressedraw', Z: 'compresseddirty',
};

export const statModule = {
  name: 'stat',
  summary: 'Retrieve file or file system status (Ansible\'s `stat` result: exists, isdir, mode, owner, checksum...).',
  checkMode: 'full',
  schema: {
    args: {
      path: { type: 'path', required: true, aliases: ['dest', 'name'], description: 'The full path of the file or directory on the host.' },
      follow: { type: 'bool', default: false, description: 'Follow a symlink: report on the file it points to (a dangling link is then `exists: false`).' },
      get_checksum: { type: 'bool', default: true, description: 'Add `checksum` (with `checksum_algorithm`) for a regular file the connecting (or become) user can read.' },
      checksum_algorithm: {
        type: 'str',
        default: 'sha1',
        choices: CHECKSUM_ALGORITHMS,
        aliases: ['checksum', 'checksum_algo'],
        description: 'Algorithm of `checksum` (the host\'s coreutils `<algorithm>sum`).',
      },
      get_mime: {
        type: 'bool',
        default: false,
        aliases: ['mime', 'mime_type', 'mime-type'],
        description: 'Add `mimetype` and `charset` from the host\'s `file` command (`unknown` without it). Default `false` here; Ansible\'s is `true`.',
      },
      get_attributes: {
        type: 'bool',
        default: false,
        aliases: ['attr', 'attributes'],
        description: 'Add `attributes`, `attr_flags` and `version` from `lsattr`. Default `false` here; Ansible\'s is `true`.',
      },
    },
  },

  async gather(ctx, args) {
    return probePath(ctx, {
      path: args.path,
      follow: args.follow,
      checksum: args.get_checksum ? args.checksum_algorithm : undefined,
      mime: args.get_mime,
      attributes: args.get_attributes,
    });
  },

  plan(args, facts): Plan {
    if (!facts) return { changes: [], noopReason: `${args.path} does not exist`, result: { stat: { exists: false } } };
    const stat = formatStat(args, facts);
    return { changes: [], noopReason: `${args.path} is ${describeKind(stat)}`, result: { stat } };
  },
} as const satisfies ModuleDefinition<StatArgs, ProbeFacts | null>;

const S_IFMT = 0o170000;
const KINDS = { isdir: 0o040000, ischr: 0o020000, isblk: 0o060000, isreg: 0o100000, isfifo: 0o010000, islnk: 0o120000, issock: 0o140000 } as const;
const BITS = { wusr: 0o200, rusr: 0o400, xusr: 0o100, wgrp: 0o020, rgrp: 0o040, xgrp: 0o010, woth: 0o002, roth: 0o004, xoth: 0o001, isuid: 0o4000, isgid: 0o2000 } as const;

/** The `stat` dict with Ansible's keys and types (mode as a '0644' string, times as float seconds). */
function formatStat(args: StatArgs, f: ProbeFacts): Record<string, unknown> {
  const m = f.rawMode;
  const out: Record<string, unknown> = {
    exists: true,
    path: args.path,
    mode: (m & 0o7777).toString(8).padStart(4, '0'),
    ...Object.fromEntries(Object.entries(KINDS).map(([k, v]) => [k, (m & S_IFMT) === v])),
    uid: f.uid,
    gid: f.gid,
    size: f.size,
    inode: f.inode,
    dev: f.dev,
    nlink: f.nlink,
    atime: f.atime,
    mtime: f.mtime,
    ctime: f.ctime,
    ...Object.fromEntries(Object.entries(BITS).map(([k, v]) => [k, (m & v) !== 0])),
    blocks: f.blocks,
    block_size: f.blockSize,
    device_type: f.deviceType,
    readable: f.readable,
    writeable: f.writeable,
    executable: f.executable,
  };
  if (out.islnk) {
    out.lnk_source = f.linkSource;
    out.lnk_target = f.linkTarget;
  }
  if (f.owner !== undefined) out.pw_name = f.owner;
  if (f.group !== undefined) out.gr_name = f.group;
  if (f.checksum !== undefined) out.checksum = f.checksum;
  if (args.get_mime) {
    const [type, charset] = (f.mime ?? '').split(';');
    out.mimetype = type?.trim() || 'unknown';
    out.charset = charset?.split('=')[1]?.trim() || 'unknown';
  }
  if (args.get_attributes) {
    const [version, flags] = (f.lsattr ?? '').trim().split(/\s+/);
    out.version = f.lsattr ? version : null;
    out.attr_flags = f.lsattr ? (flags ?? '').replace(/-/g, '') : '';
    out.attributes = [...String(out.attr_flags)].flatMap((c) => (ATTRIBUTE_NAMES[c] ? [ATTRIBUTE_NAMES[c]] : []));
  }
  return out;
}

function describeKind(s: Record<string, unknown>): string {
  const kind = s.isdir ? 'a directory' : s.isreg ? 'a regular file' : s.islnk ? `a symlink to ${String(s.lnk_target)}` : 'a special file';
  return `${kind}, mode ${String(s.mode)}, owner ${String(s.pw_name ?? s.uid)}`;
}
