// Shared by copy and template: where the content lands (dest or dest/basename) and the plan to put it there.

import { posix } from 'node:path';
import type { ArgSpec, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';
import { ATTR_ARGS, BACKUP_ARG, VALIDATE_ARG, planContentWrite, readTarget as readTargetAndContent, requireConn, type TargetState } from './file-common.js';
import type { Mode } from './symbolic-mode.js';

export const CONTENT_DEST_ARGS = {
  dest: {
    type: 'path',
    required: true,
    description: 'Remote absolute path to write. When it ends with `/` or is an existing directory, the file goes inside it under the source\'s base name.',
  },
  force: {
    type: 'bool',
    default: true,
    aliases: ['thirsty'],
    description: 'Replace the file when its content differs. `false`: write only when the destination does not exist yet.',
  },
  backup: BACKUP_ARG,
  validate: VALIDATE_ARG,
  ...ATTR_ARGS,
} as const satisfies Record<string, ArgSpec>;

export interface ContentDestArgs {
  dest: string;
  force: boolean;
  backup: boolean;
  validate?: string;
  mode?: Mode;
  owner?: string;
  group?: string;
}

export interface DestState extends TargetState {
  /** false when the destination's directory is missing (Ansible fails then) */
  readonly parentExists: boolean;
  /** a problem found while resolving dest, reported by plan() */
  readonly problem?: string;
}

/**
 * Resolves dest (a directory -> dest/basename), then stats and reads the target and its parent.
 * `content: false` only stats the target (its content is then null: the caller compares otherwise).
 */
export async function gatherDest(ctx: ReadContext, module: string, dest: string, srcBase: string | undefined, opts: { content?: boolean } = {}): Promise<DestState> {
  const conn = requireConn(ctx, module);
  const readTarget = opts.content === false ? statTarget : readTargetAndContent;
  // dest as a file, and its directory, asked together (one round trip each way in the usual case)
  const parentOfDest = conn.stat(posix.dirname(dest), { become: ctx.become });
  parentOfDest.catch(() => undefined);
  let target = await readTarget(ctx, module, dest);
  let parent = parentOfDest;
  if (dest.endsWith('/') || target.stat.type === 'directory') {
    if (!srcBase) {
      return { path: dest, stat: target.stat, content: null, parentExists: true, problem: `can not use content with a dir as dest (${dest}); name the file in dest` };
    }
    const path = posix.join(dest, srcBase);
    parent = conn.stat(posix.dirname(path), { become: ctx.become });
    target = await readTarget(ctx, module, path);
  }
  const parentStat = await parent;
  return { ...target, parentExists: parentStat.exists && parentStat.type !== 'file' };
}

async function statTarget(ctx: ReadContext, module: string, path: string): Promise<TargetState> {
  return { path, stat: await requireConn(ctx, module).stat(path, { become: ctx.become }), content: null };
}

/** The plan that makes the destination hold AFTER, with Ansible copy's checks (dir, force, parent). */
export function planDestWrite(dest: DestState, after: Buffer, args: ContentDestArgs, checkMode: boolean, sensitive = false): Plan {
  if (dest.problem) return failPlan(dest.problem);
  const note: Record<string, unknown> = {};
  if (!dest.parentExists) {
    // in check mode an earlier task (file: state=directory) has not really run: predict the write
    if (!checkMode) return failPlan(`Destination directory ${posix.dirname(dest.path)} does not exist`);
    note.warning = `destination directory ${posix.dirname(dest.path)} does not exist yet (check mode assumes an earlier task creates it)`;
  }
  if (dest.stat.type === 'directory') return failPlan(`Destination ${dest.path} is a directory`);
  if (!args.force && dest.stat.exists) {
    return { changes: [], noopReason: `${dest.path} exists and force is false`, result: { dest: dest.path } };
  }
  return planContentWrite(dest, after, {
    mode: args.mode,
    owner: args.owner,
    group: args.group,
    backup: args.backup,
    validate: args.validate,
    sensitive,
    msg: dest.content === null ? 'file created' : 'content changed',
    noopReason: `${dest.path} already has this content`,
    result: { dest: dest.path, ...note },
  });
}
