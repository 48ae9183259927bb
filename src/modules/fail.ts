// The fail module: fail the task on this host with a message.

import { formatMessage } from './message-text.js';
import type { ModuleDefinition, Plan } from './types.js';
import { failPlan } from './types.js';

export interface FailArgs {
  msg: unknown;
}

export const failModule = {
  name: 'fail',
  summary: 'Fail the task with a message (usually with `when:`), e.g. when a required variable is missing.',
  checkMode: 'full',
  controllerOnly: true,
  schema: {
    args: {
      msg: { type: 'raw', default: 'Failed as requested from task', description: 'the failure message (already rendered)' },
    },
  },

  async gather(): Promise<undefined> {
    return undefined;
  },

  plan(args: FailArgs): Plan {
    return failPlan(formatMessage(args.msg), { msg: args.msg });
  },
} satisfies ModuleDefinition<FailArgs, undefined>;
