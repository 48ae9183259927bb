// The assert module: every condition in `that` must hold; the first one that does not fails the task, named.

import { UserError } from '../errors.js';
import { evaluateCondition, type Condition } from '../vars/expr/index.js';
import { formatMessage } from './message-text.js';
import type { ModuleDefinition, Plan, PlanContext } from './types.js';
import { failPlan } from './types.js';

export interface AssertArgs {
  that: unknown;
  fail_msg?: unknown;
  success_msg?: unknown;
  quiet: boolean;
}

export const assertModule = {
  name: 'assert',
  summary: 'Check that conditions hold (e.g. the ESB version and cluster settings); fail with the first that does not.',
  checkMode: 'full',
  controllerOnly: true,
  schema: {
    expressionArgs: ['that'],
    args: {
      that: { type: 'raw', required: true, description: 'a condition or a list of conditions (expressions, not rendered; see docs/expressions.md)' },
      fail_msg: { type: 'raw', aliases: ['msg'], description: 'message of the failure (default names the failing condition)' },
      success_msg: { type: 'raw', description: "message when every condition holds (default 'All assertions passed')" },
      quiet: { type: 'bool', default: false, description: 'print less on success' },
    },
  },

  async gather(): Promise<undefined> {
    return undefined;
  },

  plan(args: AssertArgs, _current: undefined, ctx: PlanContext): Plan {
    const conditions = (Array.isArray(args.that) ? args.that : [args.that]) as Condition[];
    if (conditions.length === 0) return failPlan("assert: 'that' is an empty list");
    for (const cond of conditions) {
      let holds: boolean;
      try {
        holds = evaluateCondition(cond, ctx.vars);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        return failPlan(`assertion '${String(cond)}' could not be evaluated: ${e.message}`, { assertion: cond, evaluated_to: false });
      }
      if (!holds) {
        const msg = args.fail_msg === undefined ? `Assertion failed: ${String(cond)}` : formatMessage(args.fail_msg);
        return failPlan(msg, { assertion: cond, evaluated_to: false, msg: args.fail_msg ?? msg });
      }
    }
    const msg = args.success_msg ?? 'All assertions passed';
    return { changes: [], changed: false, noopReason: 'all assertions passed', result: { msg, ...(args.quiet ? { quiet: true } : {}) } };
  },
} satisfies ModuleDefinition<AssertArgs, undefined>;
