// The `file` module: directories, symlinks, hard links, touch, removal, mode and owner - all as argv over the connection.

import type { FileStat } from '../connection/types.js';
import type { Change, ModuleDefinition, Plan } from './types.js';
import { failPlan } from './types.js';
import { ATTR_ARGS, attrsToChange, describeState, planAttrChanges, type FileAttrs } from './file-common.js';
import { defaultState, gatherFileFacts, type FileFacts, type FileState as State } from './file-gather.js';

export interface FileArgs extends FileAttrs {
  path: string;
  state?: State;
  src?: string;
  recurse: boolean;
  force: boolean;
  follow: boolean;
}

export const fileModule = {
  name: 'file',
  summary: 'Manage files, directories, symlinks and hard links and their mode and owner.',
  checkMode: 'full',
  schema: {
    args: {
      path: { type: 'path', required: true, aliases: ['dest', 'name'], description: 'Path on the host to manage.' },
      state: {
        type: 'str',
        choices: ['file', 'directory', 'absent', 'touch', 'link', 'hard'],
        description:
          '`file`: must exist, only mode/owner are managed. `directory`: created with parents if missing. `absent`: removed (directories recursively). `touch`: created empty if missing, times updated (always changed). `link`/`hard`: a symbolic/hard link to `src`. Default: the current kind of the path, or `file`.',
      },
      src: { type: 'path', description: 'Target of the link (`state: link`/`hard`). A relative symlink target is relative to the link\'s directory.' },
      recurse: { type: 'bool', default: false, description: 'With `state: directory`: apply mode/owner/group to everything below as well.' },
      force: {
        type: 'bool',
        default: false,
        description: 'With `link`/`hard`: replace an existing file (or empty directory) at path, and create a symlink to a src that does not exist.',
      },
      follow: { type: 'bool', default: true, description: 'When path is a symlink (and state is not link/absent), manage mode/owner of the file it points to.' },
      ...ATTR_ARGS,
    },
    requiredIf: [
      ['state', 'link', ['src']],
      ['state', 'hard', ['src']],
    ],
  },

  gather(ctx, args) {
    return gatherFileFacts(ctx, args);
  },

  plan(args, facts): Plan {
    const state = defaultState(facts.stat, facts.effective, args);
    const prev = kindOf(facts.stat);
    if (args.recurse && state !== 'directory') return failPlan('recurse option requires state to be directory');
    switch (state) {
      case 'absent':
        if (!facts.stat.exists) return noop(`${args.path} is already absent`);
        return withDiff([exec(['rm', '-rf', '--', args.path], `remove ${args.path}`)], { path: args.path, state: prev }, { path: args.path, state });
      case 'directory':
        return planDirectory(args, facts, prev);
      case 'file': {
        if (!facts.stat.exists) return failPlan(`file (${args.path}) is absent, cannot continue`);
        if (facts.effective.type !== 'file') return failPlan(`file (${args.path}) is ${kindOf(facts.effective)}, cannot continue`);
        return planAttributesOnly(args, facts, 'file');
      }
      case 'touch': {
        const changes = [exec(['touch', '--', args.path], `touch ${args.path}`), ...planAttrChanges(facts.effectivePath, facts.effective, args, { force: !facts.stat.exists })];
        return withDiff(changes, { path: args.path, state: prev }, { path: args.path, state: 'touch', ...wanted(args, facts.effective, !facts.stat.exists) });
      }
      case 'link':
      case 'hard':
        return planLink(args, facts, state, prev);
    }
  },
} as const satisfies ModuleDefinition<FileArgs, FileFacts>;

function kindOf(stat: FileStat): string {
  if (!stat.exists) return 'absent';
  return stat.type === 'symlink' ? 'link' : stat.type ?? 'file';
}

function exec(argv: string[], summary: string): Change {
  return { kind: 'exec', argv, summary };
}

function noop(reason: string): Plan {
  return { changes: [], noopReason: reason };
}

/** The wanted attributes that will change, for the `after` side of the diff. */
function wanted(args: FileAttrs, stat: FileStat, all: boolean): Record<string, string | number | undefined> {
  const which = all ? (['mode', 'owner', 'group'] as const).filter((k) => args[k] !== undefined) : attrsToChange(stat, args);
  return Object.fromEntries(which.map((k) => [k, args[k]]));
}

function current(args: FileAttrs, stat: FileStat): Record<string, string | number | undefined> {
  const now: Record<string, string | number | undefined> = { mode: stat.mode, owner: stat.owner ?? stat.uid, group: stat.group ?? stat.gid };
  return Object.fromEntries(attrsToChange(stat, args).map((k) => [k, now[k]]));
}

/** One diff for the whole task, on its first change (later changes carry none). */
function withDiff(changes: Change[], before: Record<string, string | number | undefined>, after: Record<string, string | number | undefined>): Plan {
  if (changes.length === 0) return noop('nothing to change');
  const diff = { before: describeState(before), after: describeState(after) };
  const out = changes.map((c, i) => ({ ...c, diff: i === 0 ? diff : undefined }) as Change);
  return { changes: out, result: { diff_state: { before: before.state, after: after.state } } };
}

function planAttributesOnly(args: FileArgs, facts: FileFacts, state: string): Plan {
  const changes = planAttrChanges(facts.effectivePath, facts.effective, args);
  if (changes.length === 0) return noop(`${args.path} is already a ${state}${args.mode !== undefined || args.owner !== undefined || args.group !== undefined ? ' with the wanted mode/owner' : ''}`);
  return withDiff(changes, { path: args.path, state, ...current(args, facts.effective) }, { path: args.path, state, ...wanted(args, facts.effective, false) });
}

function planDirectory(args: FileArgs, facts: FileFacts, prev: string): Plan {
  if (!facts.stat.exists) {
    const created = facts.missingDirs ?? [args.path];
    const changes = [exec(['mkdir', '-p', '--', args.path], `create directory ${args.path}`), ...planAttrChanges(created, facts.stat, args, { force: true })];
    return withDiff(changes, { path: args.path, state: 'absent' }, { path: args.path, state: 'directory', ...wanted(args, facts.stat, true) });
  }
  if (facts.effective.type !== 'directory') return failPlan(`${args.path} already exists as a ${kindOf(facts.effective)}, cannot make it a directory`);
  if (args.recurse && facts.recurseDrift) {
    const changes = planAttrChanges(facts.effectivePath, facts.effective, args, { force: true, recurse: true });
    return withDiff(changes, { path: args.path, state: prev, recurse: 'some entries differ' }, { path: args.path, state: 'directory', ...wanted(args, facts.effective, true) });
  }
  return planAttributesOnly(args, facts, 'directory');
}

function planLink(args: FileArgs, facts: FileFacts, state: 'link' | 'hard', prev: string): Plan {
  const src = args.src!;
  const { stat } = facts;
  const isRight = state === 'link' ? stat.type === 'symlink' && stat.linkTarget === src : facts.sameInode === true;
  if (isRight) {
    // a symlink's own mode cannot be set on Linux: only its owner/group (chown -h)
    const attrs = state === 'link' ? { owner: args.owner, group: args.group } : args;
    const changes = planAttrChanges(args.path, stat, attrs, { noDereference: state === 'link' });
    if (changes.length === 0) return noop(`${args.path} is already a ${state === 'link' ? 'symlink' : 'hard link'} to ${src}`);
    return withDiff(changes, { path: args.path, state, ...current(attrs, stat) }, { path: args.path, state, ...wanted(attrs, stat, false) });
  }
  if (state === 'hard' && !facts.src?.exists) return failPlan(`src ${src} does not exist, cannot create a hard link to it`);
  if (state === 'link' && !facts.src?.exists && !args.force) {
    return failPlan(`src file does not exist, use "force: true" if you really want to create the link: ${src}`);
  }
  const changes: Change[] = [];
  if (stat.type === 'directory') {
    if (!args.force) return failPlan(`refusing to convert from directory to ${state === 'link' ? 'symlink' : 'hard link'} for ${args.path}`);
    if (!facts.dirEmpty) return failPlan(`the directory ${args.path} is not empty, refusing to convert it`);
    changes.push(exec(['rmdir', '--', args.path], `remove empty directory ${args.path}`));
  } else if (stat.exists && stat.type !== 'symlink' && !args.force) {
    return failPlan(`refusing to convert from ${prev} to ${state === 'link' ? 'symlink' : 'hard link'} for ${args.path} (set force: true)`);
  }
  const argv = state === 'link' ? ['ln', '-sfn', '--', src, args.path] : ['ln', ...(stat.exists ? ['-f'] : []), '--', src, args.path];
  changes.push(exec(argv, `${state === 'link' ? 'symlink' : 'hard link'} ${args.path} -> ${src}`));
  const attrs = state === 'link' ? { owner: args.owner, group: args.group } : args;
  changes.push(...planAttrChanges(args.path, { exists: false }, attrs, { force: true, noDereference: state === 'link' }));
  const before = { path: args.path, state: prev, src: stat.type === 'symlink' ? stat.linkTarget : undefined };
  return withDiff(changes, before, { path: args.path, state, src, ...wanted(attrs, stat, true) });
}
