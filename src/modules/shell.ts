// The `shell` module: run a script through /bin/sh (or `executable`), unless creates/removes settles it.

import type { ModuleDefinition } from './types.js';
import { shellArgv } from '../connection/quote.js';
import { failPlan } from './types.js';
import { COMMAND_COMMON_ARGS, gatherCommandState, planCommand, type CommandCommonArgs, type CommandState } from './command-common.js';

export interface ShellArgs extends CommandCommonArgs {
  cmd: string;
  executable: string;
}

export const shellModule = {
  name: 'shell',
  summary: 'Run a shell script on the host (pipes, redirects, variables allowed).',
  checkMode: 'partial',
  schema: {
    args: {
      cmd: {
        type: 'str',
        required: true,
        aliases: ['_raw_params'],
        description: 'The script (also the free-form text: `shell: ./bin/wso2server.sh stop || true`). Runs as `EXECUTABLE -c SCRIPT`; quote values yourself.',
      },
      executable: { type: 'path', default: '/bin/sh', description: 'The shell that runs the script, e.g. `/bin/bash`.' },
      ...COMMAND_COMMON_ARGS,
    },
    freeForm: 'cmd',
  },

  gather(ctx, args) {
    return gatherCommandState(ctx, 'shell', args);
  },

  plan(args, state) {
    if (args.cmd.trim() === '') return failPlan('no command given');
    const firstLine = args.cmd.split('\n')[0]!;
    const summary = `${args.executable} -c ${firstLine.length > 60 ? `${firstLine.slice(0, 57)}...` : firstLine}`;
    return planCommand(args, state, shellArgv(args.cmd, args.executable), args.cmd, summary);
  },
} as const satisfies ModuleDefinition<ShellArgs, CommandState>;
