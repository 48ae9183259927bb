// The debug module: show a message or the value of a variable/expression; never changes anything.

import { UserError } from '../errors.js';
import { evaluate, UndefinedVariableError } from '../vars/expr/index.js';
import type { ModuleDefinition, Plan, PlanContext } from './types.js';
import { failPlan } from './types.js';

export interface DebugArgs {
  msg: unknown;
  var?: string;
  verbosity: number;
}

/** What Ansible prints for `var:` naming something undefined. */
export const NOT_DEFINED = 'VARIABLE IS NOT DEFINED!';

export const debugModule = {
  name: 'debug',
  summary: 'Print a message or the value of a variable or expression (controller only; never changed).',
  checkMode: 'full',
  controllerOnly: true,
  schema: {
    expressionArgs: ['var'],
    args: {
      msg: { type: 'raw', default: 'Hello world!', description: 'the message (any value: string, list, mapping); already rendered' },
      var: { type: 'str', description: "a variable name or expression to show, e.g. 'result.stdout_lines' (not rendered: an expression)" },
      verbosity: { type: 'int', default: 0, description: 'show only when run with at least this many -v' },
    },
    mutuallyExclusive: [['msg', 'var']],
  },

  async gather(): Promise<undefined> {
    return undefined;
  },

  plan(args: DebugArgs, _current: undefined, ctx: PlanContext): Plan {
    const noopReason = 'debug only prints';
    if (args.var === undefined) return { changes: [], changed: false, noopReason, result: { msg: args.msg } };
    try {
      const value = evaluate(args.var, ctx.vars);
      return { changes: [], changed: false, noopReason, result: { [args.var]: value === undefined ? NOT_DEFINED : value } };
    } catch (e) {
      if (e instanceof UndefinedVariableError) return { changes: [], changed: false, noopReason, result: { [args.var]: NOT_DEFINED } };
      if (e instanceof UserError) return failPlan(`debug var: ${e.message}`);
      throw e;
    }
  },
} satisfies ModuleDefinition<DebugArgs, undefined>;
