// The executor's check-mode steps: feed a plan forward, flag tasks whose effect is unknown, explain failures that depend on it.

import type { Become, Connection } from '../connection/types.js';
import type { TaskNode } from '../loader/model.js';
import type { Plan } from '../modules/types.js';
import { FREEFORM_ACTIONS } from '../loader/kv-args.js';
import type { HostState } from '../executor/host-state.js';
import type { TaskOutcome } from '../executor/task-runner.js';
import { CheckConnection } from './check-connection.js';
import { CheckUnknown } from './check-unknown.js';
import { carryForward } from './record-effects.js';

type Obj = Record<string, unknown>;

/** One task whose effect check mode could not know or did not carry forward, on one host. */
export interface UncertainEffect {
  readonly task: string;
  readonly reason: string;
  /** a failure that is unknown only because of earlier unknown effects: not a cause of its own */
  readonly consequence?: boolean;
}

/** Check mode wraps every host connection; other runs use it as is. */
export function wrapForCheck(conn: Connection, check: boolean): Connection {
  return check ? new CheckConnection(conn) : conn;
}

function where(task: TaskNode): string {
  return `'${task.name ?? task.module}' (${task.loc.file}:${task.loc.line})`;
}

/**
 * After a check-mode plan with changes: records them in the host's predicted state. Returns the
 * result fields to add (check_unknown when the task's effect cannot be known).
 */
export async function carryCheckPlan(conn: unknown, state: HostState, task: TaskNode, module: string, args: Obj, current: unknown, plan: Plan, become?: Become): Promise<Obj> {
  if (!(conn instanceof CheckConnection)) return {};
  const carried = await carryForward(conn, { module, args, current, changes: plan.changes, become });
  if (carried.notCarried) state.uncertain.push({ task: where(task), reason: `${carried.notCarried} is not carried forward in check mode` });
  return carried.unknown ? { check_unknown: carried.unknown } : {};
}

/** A check-mode read that hit an unknown state: the task is reported unknown, not failed. */
export function unknownFromError(e: unknown): TaskOutcome | undefined {
  if (!(e instanceof CheckUnknown)) return undefined;
  return unknownOutcome(`depends on a state check mode cannot know: ${e.reason}`);
}

function unknownOutcome(reason: string, extra: Obj = {}): TaskOutcome {
  return { status: 'skipped', result: { changed: false, skipped: true, ...extra, check_unknown: reason, msg: `UNKNOWN in check mode: ${reason}` }, ignored: false, diffs: [], predicted: true };
}

/** Names of registered results on the host that check mode could not know. */
function unknownRegistered(state: HostState): string[] {
  return Object.entries(state.facts)
    .filter(([, v]) => v !== null && typeof v === 'object' && (v as Obj).check_unknown !== undefined)
    .map(([k]) => k);
}

/**
 * Check mode, after a task's conditions were applied on a host: flags commands that did not run
 * and tasks using their registered results; a failure after an unknown or uncarried effect is
 * reported unknown (with the failure) instead of failed. Records the host's unknown effects.
 */
export function settleCheckOutcome(state: HostState, task: TaskNode, module: string, o: TaskOutcome): TaskOutcome {
  let out = o;
  const r = o.result;
  const skippedByCondition = r.false_condition !== undefined || r.skip_reason !== undefined;
  if (r.check_unknown === undefined && !skippedByCondition) {
    if (FREEFORM_ACTIONS.includes(module) && o.predicted) {
      out = { ...o, result: { ...r, check_unknown: 'the command would run: check mode cannot know what it changes or prints' } };
    } else if (o.predicted && o.status === 'skipped' && r.check_mode_skipped === true) {
      out = { ...o, result: { ...r, check_unknown: `${module} does not support check mode: its effect is not predicted` } };
    } else if (o.status !== 'skipped') {
      const used = unknownRegistered(state).filter((name) => new RegExp(`\\b${name}\\b`).test(JSON.stringify([task.when, task.args, task.loop ?? null])));
      if (used.length > 0 && o.status !== 'failed') out = { ...o, result: { ...r, check_unknown: `uses ${used.map((u) => `'${u}'`).join(', ')}, registered by a task check mode could not predict` } };
    }
  }
  if (out.status === 'failed' && state.uncertain.length > 0) {
    // name the causes (the last three), not the failures they led to: each of those would quote its own causes again
    const causes = state.uncertain.filter((u) => !u.consequence);
    const after = causes.slice(-3).map((u) => `${u.task}: ${u.reason}`).join('; ');
    const msg = String(r.msg ?? 'failed');
    out = unknownOutcome(`it fails in check mode, after ${state.uncertain.length} earlier task(s) whose effect check mode cannot know (${after}): ${msg}`, { check_failed_msg: r.msg });
    state.uncertain.push({ task: where(task), reason: `it fails in check mode: ${msg}`, consequence: true });
    return out;
  }
  if (typeof out.result.check_unknown === 'string') state.uncertain.push({ task: where(task), reason: out.result.check_unknown });
  return out;
}

/** Check mode: wait_for on a host where earlier effects are unknown would wait for a state that may never come. */
export function skipWaitInCheck(state: HostState, module: string): TaskOutcome | undefined {
  if (module !== 'wait_for' || state.uncertain.length === 0) return undefined;
  const last = state.uncertain[state.uncertain.length - 1]!;
  return unknownOutcome(`waits for a state that earlier tasks would bring about, which check mode cannot know (${last.task}: ${last.reason})`);
}
