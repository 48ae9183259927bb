// The `blockinfile` module: insert, update or remove a block of lines between marker lines (Ansible semantics).

import type { ModuleDefinition, Plan } from './types.js';
import { failPlan } from './types.js';
import { ATTR_ARGS, BACKUP_ARG, VALIDATE_ARG, checkEditable, gatherEditTarget, planContentWrite, type TargetState } from './file-common.js';
import { compilePyRegex, PatternError } from './py-regex.js';
import { decodeText, detectEol, encodeText, splitLinesKeepEnds, stripEol } from './text-lines.js';
import type { Mode } from './symbolic-mode.js';

export interface BlockInFileArgs {
  path: string;
  state: 'present' | 'absent';
  marker: string;
  marker_begin: string;
  marker_end: string;
  block: string;
  insertafter?: string;
  insertbefore?: string;
  create: boolean;
  backup: boolean;
  validate?: string;
  append_newline: boolean;
  prepend_newline: boolean;
  mode?: Mode;
  owner?: string;
  group?: string;
}

export const blockinfileModule = {
  name: 'blockinfile',
  summary: 'Insert, update or remove a block of text surrounded by marker lines.',
  checkMode: 'full',
  schema: {
    args: {
      path: { type: 'path', required: true, aliases: ['dest', 'destfile', 'name'], description: 'The file to modify (on the host). Symlinks are followed.' },
      state: { type: 'str', default: 'present', choices: ['present', 'absent'], description: 'Whether the block should be there or not.' },
      marker: {
        type: 'str',
        default: '# {mark} ANSIBLE MANAGED BLOCK',
        description: "Marker line template; `{mark}` becomes `marker_begin`/`marker_end`. Ansible's default text, so files managed by Ansible stay managed. Use e.g. `<!-- {mark} ANSIBLE MANAGED BLOCK -->` in XML.",
      },
      marker_begin: { type: 'str', default: 'BEGIN', description: 'Replaces `{mark}` in the opening marker.' },
      marker_end: { type: 'str', default: 'END', description: 'Replaces `{mark}` in the closing marker.' },
      block: { type: 'str', default: '', aliases: ['content'], description: 'The lines to put between the markers. An empty block removes the markers and what is between them.' },
      insertafter: {
        type: 'str',
        description: 'When the markers are not found: insert after the last line matching this regex, or `EOF` (the default). A regex with `(?m)` is matched against the whole file.',
      },
      insertbefore: { type: 'str', description: 'When the markers are not found: insert before the last line matching this regex, or `BOF`.' },
      create: { type: 'bool', default: false, description: 'Create the file when it does not exist.' },
      backup: BACKUP_ARG,
      validate: VALIDATE_ARG,
      append_newline: { type: 'bool', default: false, description: 'Add a blank line after the block unless one is already there (or it ends the file).' },
      prepend_newline: { type: 'bool', default: false, description: 'Add a blank line before the block unless one is already there (or it starts the file).' },
      ...ATTR_ARGS,
    },
    mutuallyExclusive: [['insertbefore', 'insertafter']],
  },

  async gather(ctx, args) {
    return gatherEditTarget(ctx, 'blockinfile', args.path);
  },

  plan(args, current): Plan {
    const notEditable = checkEditable(current, args.path);
    if (notEditable) return failPlan(notEditable);
    if (current.content === null) {
      if (args.state === 'absent') return { changes: [], noopReason: `file ${args.path} not present`, result: { msg: `File ${args.path} not present` } };
      if (!args.create) return failPlan(`Path ${args.path} does not exist ! (set create: true to create it)`);
    }
    const decoded = decodeText(current.content ?? Buffer.alloc(0));
    let edited: { text: string; inserted: boolean };
    try {
      edited = editBlock(decoded.text, args);
    } catch (e) {
      if (e instanceof PatternError) return failPlan(e.message);
      throw e;
    }
    const msg = current.content === null ? 'File created' : edited.inserted ? 'Block inserted' : 'Block removed';
    return planContentWrite(current, encodeText(edited.text, decoded.encoding), {
      mode: args.mode,
      owner: args.owner,
      group: args.group,
      backup: args.backup,
      validate: args.validate,
      msg,
      noopReason: args.state === 'absent' ? `no block marked '${expandMarker(args.marker, args.marker_begin)}' in ${args.path}` : `the block in ${args.path} is already up to date`,
    });
  },
} as const satisfies ModuleDefinition<BlockInFileArgs, TargetState>;

function expandMarker(marker: string, mark: string): string {
  return marker.replaceAll('{mark}', mark);
}

/** Where the block goes when its markers are absent: a line index. */
function findInsertPoint(text: string, lines: readonly string[], args: BlockInFileArgs): number {
  const after = args.insertafter ?? (args.insertbefore === undefined ? 'EOF' : undefined);
  const src = after !== undefined && after !== 'EOF' ? after : args.insertbefore !== 'BOF' ? args.insertbefore : undefined;
  if (src === undefined) return after === 'EOF' ? lines.length : 0;
  const re = compilePyRegex(src, after !== undefined ? 'insertafter' : 'insertbefore');
  let n: number | undefined;
  if (re.multiline) {
    const m = re.exec(text);
    if (m) n = countNewlines(text, after !== undefined ? m.index + m[0].length : m.index);
  } else {
    lines.forEach((l, i) => {
      if (re.test(stripEol(l))) n = i;
    });
  }
  if (n === undefined) return lines.length;
  return after !== undefined ? n + 1 : n;
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Ansible's blockinfile edit, in the file's own line separator. */
export function editBlock(text: string, args: BlockInFileArgs): { text: string; inserted: boolean } {
  const lines = splitLinesKeepEnds(text);
  const sep = detectEol(text);
  const begin = expandMarker(args.marker, args.marker_begin);
  const end = expandMarker(args.marker, args.marker_end);
  const present = args.state === 'present';
  const body = args.block.endsWith('\n') ? args.block.replace(/\r?\n$/, '') : args.block;
  const blockLines = present && args.block !== '' ? [begin, ...body.split(/\r?\n/), end].map((l) => l + sep) : [];
  let n0: number | undefined;
  let n1: number | undefined;
  lines.forEach((l, i) => {
    if (stripEol(l) === begin) n0 = i;
    if (stripEol(l) === end) n1 = i;
  });
  if (n0 === undefined || n1 === undefined) {
    n0 = findInsertPoint(text, lines, args);
  } else if (n0 < n1) {
    lines.splice(n0, n1 - n0 + 1);
  } else {
    lines.splice(n1, n0 - n1 + 1);
    n0 = n1;
  }
  // Ansible terminates the line before the insertion point even when nothing is inserted; we only do it to insert
  if (blockLines.length > 0 && n0 > 0 && !lines[n0 - 1]!.endsWith('\n')) lines[n0 - 1] += sep;
  if (args.prepend_newline && present && n0 !== 0 && lines[n0 - 1] !== sep) {
    lines.splice(n0, 0, sep);
    n0 += 1;
  }
  lines.splice(n0, 0, ...blockLines);
  const next = n0 + blockLines.length;
  if (args.append_newline && present && next < lines.length && lines[next] !== sep) lines.splice(next, 0, sep);
  return { text: lines.join(''), inserted: blockLines.length > 0 };
}
