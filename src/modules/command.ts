// The `command` module: run a program with argv (no shell), unless creates/removes settles it.

import type { ModuleDefinition } from './types.js';
import { quoteArgv } from '../connection/quote.js';
import { COMMAND_COMMON_ARGS, gatherCommandState, planCommand, type CommandCommonArgs, type CommandState } from './command-common.js';
import { splitCommand } from './service-managers.js';
import { failPlan } from './types.js';

export interface CommandArgs extends CommandCommonArgs {
  cmd?: string;
  argv?: string[];
}

export const commandModule = {
  name: 'command',
  summary: 'Run a command on the host without a shell (no pipes, redirects or variables; use shell for those).',
  checkMode: 'partial',
  schema: {
    args: {
      cmd: {
        type: 'str',
        aliases: ['_raw_params'],
        description: 'The command line (also the free-form text: `command: ls -l /opt`). Split into words like a shell does (quotes, backslashes), but nothing else is interpreted.',
      },
      argv: { type: 'list', elements: 'str', description: 'The command as a list of words: no splitting or quoting questions at all.' },
      ...COMMAND_COMMON_ARGS,
    },
    freeForm: 'cmd',
    mutuallyExclusive: [['cmd', 'argv']],
    requiredOneOf: [['cmd', 'argv']],
  },

  gather(ctx, args) {
    return gatherCommandState(ctx, 'command', args);
  },

  plan(args, state) {
    let argv: string[];
    try {
      argv = args.argv ?? splitCommand(args.cmd ?? '');
    } catch (e) {
      return failPlan((e as Error).message);
    }
    return planCommand(args, state, argv, args.cmd ?? argv, quoteArgv(argv));
  },
} as const satisfies ModuleDefinition<CommandArgs, CommandState>;
