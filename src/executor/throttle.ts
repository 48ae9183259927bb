// throttle: how many hosts may run a task at once, and when one failure stops further hosts from starting it.

import type { TaskNode } from '../loader/model.js';
import { errorAtLoc } from '../loader/yaml.js';
import { renderValue } from '../vars/render.js';
import { playScope, type Inherited, type PlayContext } from './run-context.js';
import { taskVars } from './var-scope.js';
import { numberKeyword } from './keyword-values.js';

/** The task's throttle (0 = none) rendered with the first host's variables, as Ansible renders it once per task. */
export function throttleOf(pc: PlayContext, task: TaskNode, inh: Inherited, host: string): number {
  if (inh.throttle === undefined || inh.runOnce) return 0;
  const v = typeof inh.throttle === 'number' ? inh.throttle : renderValue(inh.throttle, taskVars(pc, host, inh), task.loc);
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 0) throw errorAtLoc(`'throttle' must be a whole number (0 = no limit), got ${JSON.stringify(v)}`, task.loc);
  return n;
}

/**
 * For a throttled task: true once a failure means no further host may START it: the failure is
 * fatal (any_errors_fatal on the task, its block or the play) or puts the batch over the play's
 * max_fail_percentage. Stricter than Ansible, which starts the task on every host first
 * (docs/ansible-differences.md, "throttle stops at the first fatal failure").
 */
export function failureStopsTask(pc: PlayContext, inh: Inherited, failedNow: number): boolean {
  if (failedNow === 0 || inh.rescuable || pc.run.mode === 'dry-run') return false;
  return inh.anyErrorsFatal === true || pc.play.anyErrorsFatal === true || exceedsMaxFail(pc, failedNow);
}

/** More than max_fail_percentage of the batch failed (counting `extra` hosts not yet marked failed). */
export function exceedsMaxFail(pc: PlayContext, extra = 0): boolean {
  const max = maxFailOf(pc);
  if (max === undefined || pc.run.mode === 'dry-run') return false;
  const bad = pc.batch.filter((h) => pc.run.hosts.get(h)!.failed || pc.run.hosts.get(h)!.unreachable).length;
  return ((bad + extra) / pc.batch.length) * 100 > max;
}

/** The play's max_fail_percentage (a template rendered with the batch's first host's variables). */
export function maxFailOf(pc: PlayContext): number | undefined {
  const v = pc.play.maxFailPercentage;
  return v === undefined || typeof v === 'number' ? v : numberKeyword(v, taskVars(pc, pc.batch[0]!, playScope(pc.play)));
}
