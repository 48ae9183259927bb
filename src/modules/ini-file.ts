// The `ini_file` module: set or remove one option (or a whole section) of an INI file, Ansible semantics, byte-exact.

import type { ModuleDefinition, Plan } from './types.js';
import { failPlan } from './types.js';
import { ATTR_ARGS, BACKUP_ARG, checkEditable, gatherEditTarget, planContentWrite, type TargetState } from './file-common.js';
import { editIni } from './ini-file-edit.js';
import { decodeText, encodeText } from './text-lines.js';
import type { Mode } from './symbolic-mode.js';

export interface IniFileArgs {
  path: string;
  section?: string;
  option?: string;
  value?: string;
  values?: string[];
  state: 'present' | 'absent';
  exclusive: boolean;
  no_extra_spaces: boolean;
  allow_no_value: boolean;
  create: boolean;
  backup: boolean;
  mode?: Mode;
  owner?: string;
  group?: string;
}

const BOM = '\uFEFF';

export const iniFileModule = {
  name: 'ini_file',
  summary: 'Set, change or remove one option of an INI file (or a whole section), touching only the lines that must change.',
  checkMode: 'full',
  schema: {
    args: {
      path: { type: 'path', required: true, aliases: ['dest'], description: 'The INI file on the host. Symlinks are followed.' },
      section: {
        type: 'str',
        description: 'Section name (`mysqld` for `[mysqld]`). Not given, null or empty: the global part before the first section header.',
      },
      option: {
        type: 'str',
        description: 'The option (key). Without it, `state: present` only makes sure the section exists and `state: absent` removes the whole section.',
      },
      value: { type: 'str', description: 'The value for `option`. Required with `state: present` unless `values` or `allow_no_value` is given.' },
      values: { type: 'list', elements: 'str', description: 'Several values for `option` (one `option = value` line each), for options that may repeat.' },
      state: { type: 'str', default: 'present', choices: ['present', 'absent'], description: 'Whether the option (or section) should be there.' },
      exclusive: {
        type: 'bool',
        default: true,
        description: '`present`: other lines setting the same option in the section are removed. `absent`: every line of the option goes; `false` removes only the lines with one of `value`/`values`.',
      },
      no_extra_spaces: { type: 'bool', default: false, description: 'Write `option=value` instead of `option = value`.' },
      allow_no_value: { type: 'bool', default: false, description: 'Allow an option without a value (a line holding just `option`, as in my.cnf `skip-name-resolve`).' },
      create: { type: 'bool', default: true, description: 'Create the file (and its directory) when it does not exist; `false` fails instead.' },
      backup: BACKUP_ARG,
      ...ATTR_ARGS,
    },
    mutuallyExclusive: [['value', 'values']],
  },

  async gather(ctx, args) {
    return gatherEditTarget(ctx, 'ini_file', args.path);
  },

  plan(args, current): Plan {
    const notEditable = checkEditable(current, args.path);
    if (notEditable) return failPlan(notEditable);
    if (current.content === null && !args.create) return failPlan(`Destination ${args.path} does not exist!`);
    if (args.state === 'present' && !args.allow_no_value && args.value === undefined && !args.values?.length) {
      return failPlan("Parameter 'value(s)' must be defined if state=present and allow_no_value=False.");
    }
    const decoded = decodeText(current.content ?? Buffer.alloc(0));
    const bom = decoded.text.startsWith(BOM) ? BOM : '';
    const edit = editIni(decoded.text.slice(bom.length), {
      section: args.section,
      option: args.option,
      values: args.value !== undefined ? [args.value] : args.values ?? [],
      state: args.state,
      exclusive: args.exclusive,
      noExtraSpaces: args.no_extra_spaces,
      allowNoValue: args.allow_no_value,
    });
    const after = edit.changed ? encodeText(bom + edit.text, decoded.encoding) : current.content ?? Buffer.alloc(0);
    if (!edit.changed && current.content === null) {
      return { changes: [], noopReason: `${args.path} does not exist and nothing is to be added`, result: { msg: edit.msg, path: args.path } };
    }
    const where = args.section ? `[${args.section}]` : 'the global section';
    return planContentWrite(current as TargetState, after, {
      mode: args.mode,
      owner: args.owner,
      group: args.group,
      backup: args.backup,
      msg: edit.msg,
      noopReason: args.option !== undefined
        ? `${args.option} in ${where} of ${args.path} is already as wanted`
        : `${where} of ${args.path} is already ${args.state === 'present' ? 'there' : 'absent'}`,
      result: { path: args.path },
    });
  },
} as const satisfies ModuleDefinition<IniFileArgs, TargetState>;
