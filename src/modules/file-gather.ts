// Read-only facts for the `file` module: the path (and its link target), src, emptiness, recursive attribute drift.

import { posix } from 'node:path';
import type { FileStat } from '../connection/types.js';
import type { ReadContext } from './types.js';
import { formatMode, requireConn, resolveSymlinks, type Conn, type FileAttrs } from './file-common.js';
import { resolveMode } from './symbolic-mode.js';

export interface FileFacts {
  /** lstat of path */
  readonly stat: FileStat;
  /** where attributes apply: path, or the file a symlink leads to when following */
  readonly effectivePath: string;
  readonly effective: FileStat;
  /** stat of src (link: resolved against path's directory) */
  readonly src?: FileStat;
  /** path is a directory with nothing in it */
  readonly dirEmpty?: boolean;
  /** something below a directory has another mode/owner/group than wanted (recurse) */
  readonly recurseDrift?: boolean;
  /** path and src are the same inode (hard links) */
  readonly sameInode?: boolean;
  /** state directory on a missing path: the directories mkdir -p creates, outermost first */
  readonly missingDirs?: readonly string[];
}

export type FileState = 'file' | 'directory' | 'absent' | 'touch' | 'link' | 'hard';

export interface FileGatherArgs extends FileAttrs {
  path: string;
  state?: FileState;
  src?: string;
  recurse: boolean;
  follow: boolean;
}

async function readOutput(conn: Conn, ctx: ReadContext, argv: string[]): Promise<string> {
  const r = await conn.exec(argv, { become: ctx.become });
  if (r.exitCode !== 0) throw new Error(`${argv[0]} failed on ${ctx.host}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
  return r.stdout;
}

/** `find` expression matching entries whose mode/owner/group differ from the wanted ones. */
function driftExpression(attrs: FileAttrs): string[] {
  const tests: string[][] = [];
  // a symbolic mode depends on each entry's bits: symbolicModeDrift lists them instead
  if (typeof attrs.mode === 'number') tests.push(['!', '-perm', formatMode(attrs.mode)]);
  if (attrs.owner !== undefined) tests.push(['!', '-user', attrs.owner]);
  if (attrs.group !== undefined) tests.push(['!', '-group', attrs.group]);
  return tests.flatMap((t, i) => (i === 0 ? t : ['-o', ...t]));
}

export async function gatherFileFacts(ctx: ReadContext, args: FileGatherArgs): Promise<FileFacts> {
  const conn = requireConn(ctx, 'file');
  const stat = await conn.stat(args.path, { become: ctx.become });
  let effectivePath = args.path;
  let effective = stat;
  const given = args.state;
  if (stat.type === 'symlink' && args.follow && given !== 'link' && given !== 'absent' && given !== 'hard') {
    effectivePath = await resolveSymlinks(ctx, 'file', args.path);
    effective = await conn.stat(effectivePath, { become: ctx.become });
  }
  const state = defaultState(stat, effective, args);
  const facts: { -readonly [K in keyof FileFacts]: FileFacts[K] } = { stat, effectivePath, effective };
  if (args.src !== undefined && (state === 'link' || state === 'hard')) {
    const srcPath = state === 'link' ? posix.resolve(posix.dirname(args.path), args.src) : args.src;
    facts.src = await conn.stat(srcPath, { become: ctx.become });
    if (state === 'hard' && stat.exists && facts.src.exists) {
      const ids = (await readOutput(conn, ctx, ['stat', '-L', '-c', '%d:%i', '--', args.src, args.path])).trim().split('\n');
      facts.sameInode = ids.length === 2 && ids[0] === ids[1];
    }
  }
  if (stat.type === 'directory' && (state === 'link' || state === 'hard')) {
    facts.dirEmpty = (await readOutput(conn, ctx, ['find', args.path, '-mindepth', '1', '-maxdepth', '1', '-print', '-quit'])).trim() === '';
  }
  if (!stat.exists && state === 'directory') facts.missingDirs = await findMissingDirs(ctx, conn, args.path);
  const drift = driftExpression(args);
  if (args.recurse && effective.type === 'directory' && drift.length > 0) {
    const out = await readOutput(conn, ctx, ['find', effectivePath, '-mindepth', '1', '!', '-type', 'l', '(', ...drift, ')', '-print', '-quit']);
    facts.recurseDrift = out.trim() !== '';
  }
  if (args.recurse && effective.type === 'directory' && typeof args.mode === 'string' && !facts.recurseDrift) {
    facts.recurseDrift = await symbolicModeDrift(ctx, conn, effectivePath, args.mode);
  }
  return facts;
}

/** True when some entry below PATH (links excluded) would get other bits from the symbolic MODE. */
async function symbolicModeDrift(ctx: ReadContext, conn: Conn, path: string, mode: string): Promise<boolean> {
  const out = await readOutput(conn, ctx, ['find', path, '-mindepth', '1', '!', '-type', 'l', '-printf', '%y %m\\n']);
  return out.split('\n').some((line) => {
    const [type, bits] = line.split(' ');
    if (bits === undefined) return false;
    const now = parseInt(bits, 8);
    return resolveMode(mode, now, type === 'd') !== now;
  });
}

/** PATH and each missing ancestor, outermost first (Ansible applies mode/owner to every directory it creates). */
async function findMissingDirs(ctx: ReadContext, conn: Conn, path: string): Promise<string[]> {
  const missing = [path];
  for (let dir = posix.dirname(path); dir !== missing[0] && dir !== '/' && dir !== '.'; dir = posix.dirname(dir)) {
    if ((await conn.stat(dir, { become: ctx.become })).exists) break;
    missing.unshift(dir);
  }
  return missing;
}

/** Ansible's default state: directory with recurse, else what the path (followed) already is, else file. */
export function defaultState(stat: FileStat, effective: FileStat, args: { state?: FileState; recurse: boolean; src?: string }): FileState {
  if (args.state) return args.state;
  if (args.recurse) return 'directory';
  if (stat.type === 'symlink' && args.src !== undefined) return 'link';
  return effective.type === 'directory' ? 'directory' : 'file';
}
