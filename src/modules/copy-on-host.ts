// copy remote_src of a big file that differs: copied on the host (install to a temp file beside dest, then rename), never through the controller.

import { posix } from 'node:path';
import { tempPathFor } from '../connection/temp-files.js';
import type { FileStat } from '../connection/types.js';
import { MAX_DIFF_CHARS } from '../report/diff.js';
import type { ResultDiff } from '../report/events.js';
import type { ContentDestArgs, DestState } from './content-dest.js';
import { gatherDest } from './content-dest.js';
import { modeFor, requireConn } from './file-common.js';
import type { ApplyContext, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';

/**
 * Sources at least this big are copied on the host when they differ: any file this size has its
 * diff skipped anyway (UTF-8 takes at most 4 bytes a character), so reading it gains nothing.
 */
export const HOST_COPY_MIN_BYTES = 4 * MAX_DIFF_CHARS + 1;

export interface HostCopyState {
  readonly kind: 'host';
  /** the source with symlinks followed */
  readonly src: string;
  readonly srcSize: number;
  readonly dest: DestState;
}

/** A byte-identical destination found by `cmp` (its content stands for "equal", never written). */
export interface SameState {
  readonly kind: 'same';
  readonly dest: DestState;
}

/**
 * A regular source of HOST_COPY_MIN_BYTES or more: 'host' when dest is missing or
 * a regular file that differs, 'same' when cmp finds it identical. undefined for everything else (small
 * source, missing, a directory, dest a symlink or directory, backup/validate asked, cmp trouble): the
 * caller reads both files.
 */
export async function gatherHostCopy(ctx: ReadContext, src: string, args: ContentDestArgs): Promise<HostCopyState | SameState | undefined> {
  // the same in check mode: the plan (and its diff) is the run's; check mode carries the copy forward (leavesCopy)
  if (args.backup || args.validate !== undefined) return undefined;
  const conn = requireConn(ctx, 'copy');
  const [[real, st], dest] = await Promise.all([
    statReal(ctx, src),
    gatherDest(ctx, 'copy', args.dest, posix.basename(src), { content: false }),
  ]);
  if (st.type !== 'file' || st.size === undefined || st.size < HOST_COPY_MIN_BYTES || dest.problem) return undefined;
  // a symlink, device or directory at dest keeps the usual path (its checks, writeFile's handling of it)
  if (!dest.stat.exists) return { kind: 'host', src: real, srcSize: st.size, dest };
  if (dest.stat.type !== 'file') return undefined;
  const r = await conn.exec(['cmp', '-s', '--', real, dest.path], { become: ctx.become }).catch(() => undefined);
  if (r?.exitCode === 0) return { kind: 'same', dest };
  return r?.exitCode === 1 ? { kind: 'host', src: real, srcSize: st.size, dest } : undefined;
}

/** The path with symlinks followed (at most 20, as resolveSymlinks) and its stat, from the same lstat calls. */
async function statReal(ctx: ReadContext, path: string): Promise<[string, FileStat]> {
  const conn = requireConn(ctx, 'copy');
  let cur = path;
  for (let i = 0; i < 20; i++) {
    const st = await conn.stat(cur, { become: ctx.become });
    if (st.type !== 'symlink' || st.linkTarget === undefined) return [cur, st];
    cur = posix.resolve(posix.dirname(cur), st.linkTarget);
  }
  throw new Error(`too many levels of symbolic links at ${path}`);
}

/** planDestWrite's checks for a destination that differs, with one custom change that copies on the host. */
export function planHostCopy(s: HostCopyState, args: ContentDestArgs): Plan {
  const dest = s.dest;
  if (!dest.parentExists) return failPlan(`Destination directory ${posix.dirname(dest.path)} does not exist`);
  if (dest.stat.type === 'directory') return failPlan(`Destination ${dest.path} is a directory`);
  if (!args.force && dest.stat.exists)
    return { changes: [], noopReason: `${dest.path} exists and force is false`, result: { dest: dest.path } };
  const old = dest.stat.type === 'file' ? dest.stat : undefined;
  const mode = args.mode === undefined ? (old?.mode ?? 0o644) : (modeFor(args.mode, dest.stat) ?? old?.mode ?? 0o644);
  const summary = `copy ${s.src} to ${dest.path} on the host`;
  return {
    changes: [
      {
        kind: 'custom',
        summary,
        diff: skippedDiff(dest.path, old?.size ?? 0, s.srcSize),
        leavesCopy: { path: dest.path, of: s.src, size: s.srcSize, mode, owner: args.owner, group: args.group },
        apply: (ctx) => copyOnHost(ctx, s.src, dest.path, mode, args, old),
      },
    ],
    result: { dest: dest.path, msg: dest.stat.exists ? 'content changed' : 'file created' },
  };
}

/** The diff `--diff` prints: the headers and why the content is not shown (the file is too big to diff). */
function skippedDiff(path: string, before: number, after: number): ResultDiff {
  const unified = `--- before: ${path}\n+++ after: ${path}\ndiff skipped: content larger than ${MAX_DIFF_CHARS} characters (${before} -> ${after} bytes, copied on the host)\n`;
  return { path, before: '', after: '', beforeHeader: `before: ${path}`, afterHeader: `after: ${path}`, unified };
}

/**
 * install(1) copies SRC to a temp file beside DEST with its mode (and owner/group: the asked ones, else
 * the old file's, best effort as writeFile does), then mv -T renames it over DEST (atomic, same directory).
 */
async function copyOnHost(
  ctx: ApplyContext,
  src: string,
  dest: string,
  mode: number,
  args: ContentDestArgs,
  old: { uid?: number; gid?: number } | undefined,
): Promise<void> {
  const run = (argv: string[]) => ctx.conn.exec(argv, { become: ctx.become });
  const tmp = tempPathFor(dest);
  const base = ['install', '-m', mode.toString(8).padStart(4, '0')];
  const asked = args.owner !== undefined || args.group !== undefined;
  const owners = asked
    ? [...(args.owner !== undefined ? ['-o', args.owner] : []), ...(args.group !== undefined ? ['-g', args.group] : [])]
    : [...(old?.uid !== undefined ? ['-o', String(old.uid)] : []), ...(old?.gid !== undefined ? ['-g', String(old.gid)] : [])];
  let r = await run([...base, ...owners, '--', src, tmp]);
  // keeping the old owner is best effort (a non-root user cannot give files away)
  if (r.exitCode !== 0 && !asked && owners.length) r = await run([...base, '--', src, tmp]);
  if (r.exitCode !== 0) {
    await run(['rm', '-f', '--', tmp]);
    throw new Error(`copy ${src} to ${dest} on the host failed: ${lastLine(r.stderr) || `exit ${r.exitCode}`}`);
  }
  const mv = await run(['mv', '-fT', '--', tmp, dest]);
  if (mv.exitCode !== 0) {
    await run(['rm', '-f', '--', tmp]);
    throw new Error(`cannot write ${dest}: ${lastLine(mv.stderr) || `exit ${mv.exitCode}`}`);
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}
