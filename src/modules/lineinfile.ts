// The `lineinfile` module: ensure one line is present (inserted or replaced) or absent, Ansible semantics.

import type { ModuleDefinition, Plan } from './types.js';
import { failPlan } from './types.js';
import { ATTR_ARGS, BACKUP_ARG, VALIDATE_ARG, checkEditable, gatherEditTarget, planContentWrite, type TargetState } from './file-common.js';
import { ensureLineAbsent, ensureLinePresent, type EditResult } from './lineinfile-edit.js';
import { compilePyRegex, PatternError } from './py-regex.js';
import { decodeText, encodeText } from './text-lines.js';
import type { Mode } from './symbolic-mode.js';

export interface LineInFileArgs {
  path: string;
  state: 'present' | 'absent';
  regexp?: string;
  search_string?: string;
  line?: string;
  insertafter?: string;
  insertbefore?: string;
  backrefs: boolean;
  create: boolean;
  backup: boolean;
  firstmatch: boolean;
  validate?: string;
  mode?: Mode;
  owner?: string;
  group?: string;
}

export const lineinfileModule = {
  name: 'lineinfile',
  summary: 'Ensure a particular line is in a file, or replace an existing line using a regular expression.',
  checkMode: 'full',
  schema: {
    args: {
      path: { type: 'path', required: true, aliases: ['dest', 'destfile', 'name'], description: 'The file to modify (on the host). Symlinks are followed.' },
      state: { type: 'str', default: 'present', choices: ['present', 'absent'], description: 'Whether the line should be there or not.' },
      regexp: {
        type: 'str',
        aliases: ['regex'],
        description: 'Python-style regular expression searched in every line. With `state: present` the last matching line (first with `firstmatch`) is replaced; with `state: absent` every matching line is removed. If nothing matches, the line is added as `insertafter`/`insertbefore` say.',
      },
      search_string: { type: 'str', description: 'Literal string searched in every line, like `regexp` without regex meaning.' },
      line: { type: 'str', aliases: ['value'], description: 'The line to insert or to replace the match with. Required with `state: present`. May contain backreferences (`\\1`, `\\g<name>`) when `backrefs` is true.' },
      insertafter: {
        type: 'str',
        description: 'Used only when `regexp`/`search_string` match nothing: insert after the last line matching this regex, or at the end with `EOF`. If the regex matches nothing, the line goes at the end. Default: `EOF`.',
      },
      insertbefore: { type: 'str', description: 'Like `insertafter`, but before the last matching line; `BOF` inserts at the beginning.' },
      backrefs: {
        type: 'bool',
        default: false,
        description: 'Expand backreferences of `regexp` in `line`. If `regexp` matches nothing, the file is left unchanged (the line is not added).',
      },
      create: { type: 'bool', default: false, description: 'Create the file when it does not exist (with `state: present`); otherwise a missing file fails the task.' },
      backup: BACKUP_ARG,
      firstmatch: { type: 'bool', default: false, description: 'Use the first match of `regexp`/`insertafter`/`insertbefore` instead of the last.' },
      validate: VALIDATE_ARG,
      ...ATTR_ARGS,
    },
    mutuallyExclusive: [['insertbefore', 'insertafter'], ['regexp', 'search_string'], ['backrefs', 'search_string']],
  },

  async gather(ctx, args) {
    return gatherEditTarget(ctx, 'lineinfile', args.path);
  },

  plan(args, current): Plan {
    const path = args.path;
    const notEditable = checkEditable(current, path);
    if (notEditable) return failPlan(notEditable);
    if (args.state === 'absent') {
      if (current.content === null) return { changes: [], noopReason: `${path} does not exist`, result: { msg: 'file not present', found: 0 } };
      if (args.regexp === undefined && args.search_string === undefined && args.line === undefined) {
        return failPlan('one of line, search_string, or regexp is required with state=absent');
      }
    } else {
      if (args.backrefs && args.regexp === undefined) return failPlan('regexp is required with backrefs=true');
      if (args.line === undefined) return failPlan('line is required with state=present');
      if (current.content === null && !args.create) return failPlan(`Destination ${path} does not exist ! (set create: true to create it)`);
    }
    let edit: EditResult;
    const decoded = decodeText(current.content ?? Buffer.alloc(0));
    try {
      edit = editText(decoded.text, args);
    } catch (e) {
      if (e instanceof PatternError) return failPlan(e.message);
      throw e;
    }
    const after = edit.changed ? encodeText(edit.text, decoded.encoding) : (current.content ?? Buffer.alloc(0));
    if (!edit.changed && current.content === null) {
      // create: true but nothing to add (backrefs without a match): Ansible leaves the file absent
      return { changes: [], noopReason: `${path} does not exist and backrefs found nothing to replace`, result: { msg: '' } };
    }
    return planContentWrite(current as TargetState, after, {
      mode: args.mode,
      owner: args.owner,
      group: args.group,
      backup: args.backup,
      validate: args.validate,
      msg: edit.msg,
      noopReason: describeNoop(args),
      result: edit.found !== undefined ? { found: edit.found } : {},
    });
  },
} as const satisfies ModuleDefinition<LineInFileArgs, TargetState>;

function editText(text: string, args: LineInFileArgs): EditResult {
  const regexp = args.regexp !== undefined ? compilePyRegex(args.regexp, 'regexp') : undefined;
  if (args.state === 'absent') return ensureLineAbsent(text, { regexp, searchString: args.search_string, line: args.line });
  const insertafter = args.insertafter ?? (args.insertbefore === undefined ? 'EOF' : undefined);
  const insSrc = insertafter !== undefined ? insertafter : args.insertbefore;
  const insertRe = insSrc !== undefined && insSrc !== 'EOF' && insSrc !== 'BOF'
    ? compilePyRegex(insSrc, insertafter !== undefined ? 'insertafter' : 'insertbefore')
    : undefined;
  return ensureLinePresent(text, {
    line: args.line!,
    regexp,
    searchString: args.search_string,
    insertafter,
    insertbefore: args.insertbefore,
    insertRe,
    backrefs: args.backrefs,
    firstmatch: args.firstmatch,
  });
}

function describeNoop(args: LineInFileArgs): string {
  if (args.state === 'absent') return `no line of ${args.path} matches, nothing to remove`;
  if (args.backrefs) return `${args.path}: regexp matched nothing or the line is already as wanted (backrefs: nothing added)`;
  return `${args.path} already contains the line`;
}
