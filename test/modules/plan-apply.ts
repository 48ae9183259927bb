// Runs a module like the executor does: validate, gather, plan, then the executor's own applyChanges (skipped in check mode).

import type { Become, Connection } from '../../src/connection/types.js';
import { applyChanges } from '../../src/executor/apply-changes.js';
import { validateArgs } from '../../src/modules/args.js';
import type { ModuleDefinition, Plan } from '../../src/modules/types.js';
import { makeReadContext } from './op-harness.js';

export interface Outcome {
  readonly plan: Plan;
  /** plan.result plus what applying added (command fields, backup_file) */
  readonly result: Record<string, unknown>;
  /** the task's status as the executor reports it */
  readonly status: 'ok' | 'changed' | 'failed';
  readonly failed?: string;
}

export async function runTask(def: ModuleDefinition, raw: Record<string, unknown>, conn: Connection, checkMode = false, become?: Become): Promise<Outcome> {
  const args = validateArgs(def, raw);
  const ctx = { ...makeReadContext(conn, { checkMode }, []), become };
  const current = await def.gather(ctx, args);
  const plan = def.plan(args, current, { host: conn.host, checkMode, vars: {} });
  if (plan.failed !== undefined) return { plan, result: { ...plan.result }, status: 'failed', failed: plan.failed };
  const changed = plan.changed ?? plan.changes.length > 0;
  const result: Record<string, unknown> = { ...plan.result };
  if (!checkMode && plan.changes.length > 0) {
    const out = await applyChanges(conn, plan.changes, become);
    Object.assign(result, out.result);
    if (out.failed) return { plan, result, status: 'failed', failed: out.failed };
  }
  return { plan, result, status: changed ? 'changed' : 'ok' };
}
