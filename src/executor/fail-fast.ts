// What a failure ends: any_errors_fatal ends the play for the whole batch, max_fail_percentage the playbook.

import type { Inherited, PlayContext } from './run-context.js';
import { boolKeyword } from './keyword-values.js';
import { exceedsMaxFail, maxFailOf } from './throttle.js';
import { taskVars } from './var-scope.js';

/** Ends the current play (meta: end_play, or 'max_fail_percentage': the playbook ends too). */
export class EndPlay extends Error {}

/** any_errors_fatal of the play or the task/block (a template rendered with a failed host's variables). */
export function anyErrorsFatal(pc: PlayContext, inh: Inherited, host: string): boolean {
  if (pc.play.anyErrorsFatal === true || inh.anyErrorsFatal === true) return true;
  let vars: Record<string, unknown> | undefined;
  const varsOf = () => (vars ??= taskVars(pc, host, inh));
  return boolKeyword(inh.anyErrorsFatal, varsOf) === true || boolKeyword(pc.play.anyErrorsFatal, varsOf) === true;
}

/**
 * After `failed` hosts failed a task, block or handler (not inside a block that rescues): with
 * any_errors_fatal every active host of the batch fails too (returns true: the play is over for
 * the batch); over the play's max_fail_percentage the playbook ends (EndPlay thrown).
 */
export function endPlayOnFailure(pc: PlayContext, inh: Inherited, failed: ReadonlySet<string>, out?: Set<string>): boolean {
  if (failed.size === 0 || inh.rescuable || pc.run.mode === 'dry-run') return false;
  const states = pc.run.hosts;
  const fatal = anyErrorsFatal(pc, inh, [...failed][0]!);
  if (fatal) {
    for (const h of pc.batch) {
      if (!states.get(h)!.active) continue;
      states.get(h)!.failed = true;
      out?.add(h);
    }
    pc.run.emit({ type: 'play_aborted', play: pc.play.name, reason: 'any_errors_fatal: a host failed' });
  }
  if (exceedsMaxFail(pc)) {
    pc.run.emit({ type: 'play_aborted', play: pc.play.name, reason: `more than max_fail_percentage (${maxFailOf(pc)}%) of the batch failed` });
    throw new EndPlay('max_fail_percentage');
  }
  return fatal;
}
