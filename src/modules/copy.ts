// The `copy` module: write a controller file, inline content, or a file already on the host to dest.

import { statSync } from 'node:fs';
import { readControllerFile } from '../vault/scope.js';
import { isAbsolute, posix } from 'node:path';
import type { ModuleDefinition, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';
import { isSecret } from '../vars/secret.js';
import { pyJsonDumps } from '../vars/expr/py-json.js';
import { pyStr } from '../vars/expr/py-string.js';
import { CONTENT_DEST_ARGS, gatherDest, planDestWrite, type ContentDestArgs, type DestState } from './content-dest.js';
import { gatherDirCopy, planDirCopy, type DirCopyState } from './copy-dir.js';
import { readRealTarget, requireConn } from './file-common.js';
import { gatherHostCopy, planHostCopy, type HostCopyState } from './copy-on-host.js';
import type { Mode } from './symbolic-mode.js';

export interface CopyArgs extends ContentDestArgs {
  src?: string;
  content?: unknown;
  remote_src: boolean;
  directory_mode?: Mode;
}

export type CopyState =
  | { readonly kind: 'file'; readonly dest: DestState; readonly data: Buffer; readonly sensitive: boolean }
  | { readonly kind: 'missing'; readonly message: string }
  | HostCopyState
  | DirCopyState;

export const copyModule = {
  name: 'copy',
  summary: 'Copy a file (or a directory) from the controller, inline content, or a file on the host to a path on the host.',
  checkMode: 'full',
  schema: {
    args: {
      src: {
        type: 'path',
        description:
          "Controller path of the file to copy: relative paths are looked up in the role's and playbook's `files/` directories. A directory is copied recursively: with a trailing `/` its contents go into dest, without it the directory itself. With `remote_src: true`, a file path on the host.",
      },
      content: {
        type: 'raw',
        description:
          "Write this text instead of a file (exactly, no newline added). A list or mapping is written as Python's `json.dumps` of it, a number or boolean as its Python text (`True`), as Ansible does. A secret value is written but never shown in diffs.",
      },
      remote_src: {
        type: 'bool',
        default: false,
        description: '`src` is a file on the host, not on the controller (directories are not supported here).',
      },
      ...CONTENT_DEST_ARGS,
      directory_mode: { type: 'mode', description: 'Mode of the directories a directory copy creates (default: umask).' },
    },
    mutuallyExclusive: [['src', 'content']],
    requiredOneOf: [['src', 'content']],
  },

  async gather(ctx, args): Promise<CopyState> {
    if (args.content !== undefined) {
      const dest = await gatherDest(ctx, 'copy', args.dest, undefined);
      return { kind: 'file', dest, data: Buffer.from(contentText(args.content), 'utf8'), sensitive: holdsSecret(args.content) };
    }
    const src = args.src!;
    if (args.remote_src) {
      const onHost = await gatherHostCopy(ctx, src, args);
      if (onHost?.kind === 'host') return onHost;
      if (onHost) return { kind: 'file', dest: { ...onHost.dest, content: IDENTICAL }, data: IDENTICAL, sensitive: false };
      const same = await sameOnHost(ctx, src, args.dest);
      if (same) return { kind: 'file', dest: same, data: same.content!, sensitive: false };
      // the source (symlinks followed) and the destination are read at the same time
      const [from, dest] = await Promise.all([readRealTarget(ctx, 'copy', src), gatherDest(ctx, 'copy', args.dest, posix.basename(src))]);
      if (from.stat.type === 'directory')
        return { kind: 'missing', message: `remote_src: ${src} is a directory; copying directories on the host is not supported` };
      if (from.content === null) return { kind: 'missing', message: `Source ${src} not found on ${ctx.host}` };
      return { kind: 'file', dest, data: from.content, sensitive: false };
    }
    const local = isAbsolute(src) ? src : ctx.findFile('files', src);
    let isDir: boolean;
    try {
      isDir = statSync(local).isDirectory();
    } catch {
      return { kind: 'missing', message: `Source ${local} not found on the controller` };
    }
    if (isDir) return gatherDirCopy(ctx, local, src, args.dest);
    // a vault-encrypted source is written decrypted (Ansible's copy decrypt: yes) and never diffed
    const { data, vaulted } = readControllerFile(local);
    return { kind: 'file', dest: await gatherDest(ctx, 'copy', args.dest, posix.basename(src)), data, sensitive: vaulted };
  },

  plan(args, current, ctx): Plan {
    if (current.kind === 'missing') return failPlan(current.message);
    if (current.kind === 'dir') return planDirCopy(current, args);
    if (current.kind === 'host') return planHostCopy(current, args);
    return planDestWrite(current.dest, current.data, args, ctx.checkMode, current.sensitive);
  },
} as const satisfies ModuleDefinition<CopyArgs, CopyState>;

/** The text `content:` writes: a list or mapping as json.dumps, anything else as Python's str() (Ansible's copy action). */
function contentText(content: unknown): string {
  if (content !== null && typeof content === 'object' && !isSecret(content)) return pyJsonDumps(content);
  return pyStr(content);
}

/** Whether a content value is or contains a secret (its file is then never diffed). */
function holdsSecret(v: unknown): boolean {
  if (isSecret(v)) return true;
  if (v !== null && typeof v === 'object') return Object.values(v).some(holdsSecret);
  return false;
}

/** Stands for the bytes of a source and destination found identical on the host (equal to itself, never written). */
const IDENTICAL = Buffer.alloc(0);

/**
 * remote_src with a destination already holding the same bytes: `cmp` on the host says so, and the
 * file crosses the network zero times instead of twice (a JDBC jar is 600 KB per node and run).
 * Anything else (differs, missing, not a regular file, cmp unavailable, a path --check predicts)
 * gives undefined: the caller reads both files.
 */
async function sameOnHost(ctx: ReadContext, src: string, destArg: string): Promise<DestState | undefined> {
  const conn = requireConn(ctx, 'copy');
  const dest = await gatherDest(ctx, 'copy', destArg, posix.basename(src), { content: false });
  if (dest.problem || dest.stat.type !== 'file') return undefined;
  const r = await conn.exec(['cmp', '-s', '--', src, dest.path], { become: ctx.become }).catch(() => undefined);
  return r?.exitCode === 0 ? { ...dest, content: IDENTICAL } : undefined;
}
