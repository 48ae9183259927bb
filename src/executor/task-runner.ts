// Runs one task on one host: when, loop, args, gather -> plan -> apply, changed/failed_when, register, notify.

import type { TaskNode } from '../loader/model.js';
import type { Change, ModuleDefinition, ReadContext } from '../modules/types.js';
import type { HostStatus, ResultDiff, TaskRef } from '../report/events.js';
import { TaskFailure, UnreachableError, UserError } from '../errors.js';
import { renderValue } from '../vars/render.js';
import { errorAtLoc } from '../loader/yaml.js';
import { applyChanges } from './apply-changes.js';
import { forgetNotified, recordNotified } from './pending-handlers.js';
import { allTrue, describeCondition, firstFalse } from './conditions.js';
import { renderArgs } from './task-args.js';
import { connectionVars, makeFindFile, makeRenderTemplate, renderEnvironment, resolveBecome, searchDirs } from './task-context.js';
import { taskVars } from './var-scope.js';
import { boolKeyword, numberKeyword, resolveKeywords } from './keyword-values.js';
import { factsTarget, moduleOf } from './include-vars.js';
import { itemVars, loopItems } from './loop-items.js';
import { FREEFORM_ACTIONS } from '../loader/kv-args.js';
import { notifyHandlers } from './handlers.js';
import { overlayVars } from '../vars/lazy-vars.js';
import type { Inherited, PlayContext } from './run-context.js';
import { decodeText } from '../modules/text-lines.js';
import { carryCheckPlan, settleCheckOutcome, skipWaitInCheck, unknownFromError } from '../check/check-hooks.js';

type Obj = Record<string, unknown>;

export interface TaskOutcome {
  readonly status: HostStatus;
  readonly result: Obj;
  readonly ignored: boolean;
  readonly diffs: ResultDiff[];
  readonly predicted: boolean;
  /** delegate_to: where the task ran, as ansible-playbook labels it (`wrk1 -> localhost`) */
  readonly delegatedTo?: string;
}

interface ItemOutcome extends TaskOutcome {
  readonly label?: string;
}

export async function runTaskOnHost(pc: PlayContext, task: TaskNode, inh: Inherited, host: string, ref: TaskRef): Promise<TaskOutcome> {
  if (pc.run.options.interrupt?.requested) {
    return { status: 'skipped', result: { changed: false, skipped: true, skip_reason: 'not started: the run was interrupted' }, ignored: false, diffs: [], predicted: false };
  }
  const def = moduleOf(pc.run.modules, task.module);
  if (!def) throw errorAtLoc(`unknown module '${task.module}'`, task.loc);
  const baseVars = taskVars(pc, host, inh);
  const lc = task.loopControl;
  const items = task.loop !== undefined ? loopItems(task.loop, baseVars, task.loc, searchDirs(pc, task, inh)) : undefined;
  let outcome: TaskOutcome;
  if (!items) {
    outcome = await runItem(pc, task, inh, host, def, baseVars, ref);
  } else {
    const results: ItemOutcome[] = [];
    for (const [index, item] of items.entries()) {
      if (index > 0 && lc.pause) await new Promise((r) => setTimeout(r, lc.pause! * 1000));
      const loopVars = itemVars(lc, items, index);
      const vars = taskVars(pc, host, inh, loopVars);
      const label = lc.label !== undefined ? String(renderValue(lc.label, vars, task.loc)) : labelOf(item);
      if (pc.run.options.interrupt?.requested) break; // an interrupted run starts no new item
      const o = await runItem(pc, task, inh, host, def, vars, ref);
      results.push({ ...o, result: { ...o.result, ...loopVars }, label });
    }
    outcome = aggregate(results);
  }
  const state = pc.run.hosts.get(host)!;
  if (task.register) state.facts[task.register] = outcome.result;
  if (outcome.status === 'changed' && !outcome.ignored) notifyHandlers(pc, state, task.notify);
  // recorded on the host before the change; a task that changed nothing after all takes it back
  if (outcome.status === 'ok' || outcome.status === 'skipped') await forgetNotified(pc, host, task);
  return outcome;
}

async function runItem(pc: PlayContext, task: TaskNode, raw: Inherited, host: string, def: ModuleDefinition, vars: Obj, ref: TaskRef): Promise<TaskOutcome> {
  const falseCond = firstFalse(raw.when, vars, task.loc);
  if (falseCond !== undefined) {
    return { status: 'skipped', result: { changed: false, skipped: true, skip_reason: 'Conditional result was False', false_condition: describeCondition(falseCond) }, ignored: false, diffs: [], predicted: false };
  }
  // like Ansible, keywords are rendered once the condition holds, with the item's variables
  const inh = resolveKeywords(raw, () => vars, task.loc);
  // like Ansible: `retries: N` (default 3) means N more attempts after the first; changed_when and
  // failed_when apply to every attempt; `until` is not even checked with `retries: 0`
  const attempts = task.until ? Math.max(0, numberKeyword(task.retries, vars) ?? 3) + 1 : 1;
  const delay = task.until ? numberKeyword(task.delay, vars) ?? 5 : 0;
  let last: TaskOutcome | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    last = await attemptItem(pc, task, inh, host, def, vars, ref);
    if (task.until && last.status !== 'unreachable') last = { ...last, result: { ...last.result, attempts: attempt } };
    last = applyConditions(task, inh, vars, last);
    if (pc.run.mode === 'check') last = settleCheckOutcome(pc.run.hosts.get(host)!, task, def.name, last);
    if (attempts === 1 || last.status === 'unreachable') break;
    // until sees the result under its register name and, like Ansible, its fields directly
    const scope = overlayVars(vars, task.register ? { ...last.result, [task.register]: last.result } : last.result);
    if (allTrue(task.until!, scope, task.loc)) break;
    if (attempt < attempts) {
      pc.run.emit({ type: 'progress', host, task: ref, message: `FAILED - RETRYING: (${attempts - attempt} retries left)` });
      await new Promise((r) => setTimeout(r, delay * 1000));
    } else {
      // Ansible reports one attempt less when it gives up
      last = { ...last, status: 'failed', ignored: boolKeyword(inh.ignoreErrors, vars) === true, result: { ...last.result, failed: true, attempts: attempt - 1, msg: last.result.msg ?? `condition 'until' still false after ${attempt} attempts` } };
    }
  }
  const delegatedTo = inh.delegateTo ? delegateLabel(pc, String(renderValue(inh.delegateTo, vars, task.loc))) : undefined;
  return delegatedTo !== undefined && delegatedTo !== host ? { ...last!, delegatedTo } : last!;
}

async function attemptItem(pc: PlayContext, task: TaskNode, inh: Inherited, host: string, def: ModuleDefinition, vars: Obj, ref: TaskRef): Promise<TaskOutcome> {
  const run = pc.run;
  const args = renderArgs(task, def, vars);
  if (typeof args.verbosity === 'number' && args.verbosity > (run.options.verbosity ?? 0)) {
    // debug's verbosity: shown only from that many -v on
    return { status: 'skipped', result: { changed: false, skipped: true, skip_reason: `verbosity threshold ${args.verbosity} not met` }, ignored: false, diffs: [], predicted: false };
  }
  const become = resolveBecome(pc, inh, vars);
  const check = boolKeyword(inh.checkMode, vars) ?? (run.mode === 'check');
  if (check && def.checkMode === 'none') {
    return { status: 'skipped', result: { changed: false, skipped: true, check_mode_skipped: true, msg: `skipped: ${def.name} does not support check mode` }, ignored: false, diffs: [], predicted: true };
  }
  const waitSkip = check && pc.run.mode === 'check' ? skipWaitInCheck(run.hosts.get(host)!, def.name) : undefined;
  if (waitSkip) return waitSkip;
  try {
    let conn = null;
    if (!def.controllerOnly) {
      const target = inh.delegateTo ? String(renderValue(inh.delegateTo, vars, task.loc)) : host;
      conn = await run.pool.get(target, connectionVars(target === host ? vars : delegateVars(pc, target), inh));
    }
    const ctx: ReadContext = {
      host, conn, checkMode: check, become, vars, loc: task.loc,
      findFile: makeFindFile(pc, task, inh),
      renderTemplate: makeRenderTemplate(vars),
      progress: (message) => run.emit({ type: 'progress', host, task: ref, message }),
    };
    const current = await def.gather(ctx, args);
    const plan = def.plan(args, current, { host, checkMode: check, vars });
    if (plan.facts) Object.assign(factsTarget(run.hosts.get(host)!, def.name), plan.facts);
    const diffs = plan.sensitive ? [] : plan.changes.flatMap(diffOf);
    if (plan.failed !== undefined) {
      return { status: 'failed', result: { ...plan.result, changed: false, failed: true, msg: plan.failed }, ignored: false, diffs, predicted: false };
    }
    const changed = plan.changed ?? plan.changes.length > 0;
    const result: Obj = { changed, ...plan.result };
    if (plan.noopReason && !changed && !def.controllerOnly) result.msg ??= plan.noopReason;
    if (plan.changes.length > 0 && check && FREEFORM_ACTIONS.includes(def.name)) {
      // Ansible's command/shell in check mode: the command does not run and reports rc 0, empty
      // output; without creates/removes the task is skipped, with them it is changed
      Object.assign(result, { rc: 0, stdout: '', stderr: '', stdout_lines: [], stderr_lines: [], msg: 'Command would have run if not in check mode' });
      if (args.creates === undefined && args.removes === undefined) return { status: 'skipped', result: { ...result, changed: false, skipped: true }, ignored: false, diffs, predicted: true };
      return { status: 'changed', result: { ...result, check_mode: true }, ignored: false, diffs, predicted: true };
    }
    if (plan.changes.length > 0 && check) {
      result.check_mode = true;
      Object.assign(result, await carryCheckPlan(conn, run.hosts.get(host)!, task, def.name, args, current, plan, become));
      if (plan.changes.some((c) => c.kind !== 'file')) {
        result.check_mode_skipped = true;
        result.msg ??= `would run: ${plan.changes.map(summaryOf).join('; ')}`;
      }
      return { status: changed ? 'changed' : 'ok', result, ignored: false, diffs, predicted: true };
    }
    if (plan.changes.length > 0) {
      const env = renderEnvironment(inh, vars, task);
      const changes = env ? plan.changes.map((c) => (c.kind === 'exec' ? { ...c, opts: { ...c.opts, env: { ...env, ...c.opts?.env } } } : c)) : plan.changes;
      await recordNotified(pc, host, task, vars); // on the host, before anything changes: no kill or lost host loses the handler
      const out = await applyChanges(conn!, changes, become, { unsafeWrites: args.unsafe_writes === true });
      // the module's display of the command (e.g. the shell script) wins over the raw argv
      Object.assign(result, out.result, plan.result?.cmd !== undefined ? { cmd: plan.result.cmd } : {});
      if (out.failed) return { status: 'failed', result: { ...result, failed: true, msg: out.failed }, ignored: false, diffs, predicted: false };
      // a custom apply's own verdict (mysql_query: a write that changed no row) wins over the plan's
      if (out.changed !== undefined) {
        result.changed = out.changed;
        return { status: out.changed ? 'changed' : 'ok', result, ignored: false, diffs: out.changed ? diffs : [], predicted: false };
      }
    }
    return { status: changed ? 'changed' : 'ok', result, ignored: false, diffs, predicted: false };
  } catch (e) {
    if (e instanceof UnreachableError) return { status: 'unreachable', result: { unreachable: true, changed: false, msg: e.message }, ignored: false, diffs: [], predicted: false };
    if (e instanceof UserError) throw e;
    const unknown = unknownFromError(e);
    if (unknown) return unknown;
    const extra = e instanceof TaskFailure ? e.result : {};
    return { status: 'failed', result: { changed: false, ...extra, failed: true, msg: (e as Error).message }, ignored: false, diffs: [], predicted: false };
  }
}

/** The delegate as Ansible's label shows it: its ansible_host when the inventory gives one, else its name. */
function delegateLabel(pc: PlayContext, target: string): string {
  const address = pc.run.inventory.hasHost(target) ? pc.run.inventory.hostVars(target).ansible_host : undefined;
  return typeof address === 'string' && address !== '' && !address.includes('{{') ? address : target;
}

function delegateVars(pc: PlayContext, target: string): Obj {
  const inv = pc.run.inventory;
  if (inv.hasHost(target)) return inv.hostVars(target);
  return { ansible_connection: 'local' };
}

/** changed_when / failed_when / ignore_errors on a finished attempt. */
function applyConditions(task: TaskNode, inh: Inherited, vars: Obj, o: TaskOutcome): TaskOutcome {
  if (o.status === 'skipped' || o.status === 'unreachable') return o;
  const scope = task.register ? overlayVars(vars, { [task.register]: o.result }) : vars;
  let { status } = o;
  const result = { ...o.result };
  if (task.changedWhen) {
    const changed = allTrue(task.changedWhen, scope, task.loc);
    result.changed = changed;
    if (status !== 'failed') status = changed ? 'changed' : 'ok';
  }
  if (task.failedWhen) {
    const failed = allTrue(task.failedWhen, scope, task.loc);
    result.failed = failed;
    if (failed) status = 'failed';
    else if (status === 'failed') status = result.changed ? 'changed' : 'ok';
    if (failed) result.msg ??= `failed_when: ${task.failedWhen.map(describeCondition).join(' and ')}`;
  }
  const ignored = status === 'failed' && boolKeyword(inh.ignoreErrors, vars) === true;
  return { ...o, status, result, ignored };
}

function aggregate(items: ItemOutcome[]): TaskOutcome {
  const statuses = items.map((i) => i.status);
  const status: HostStatus = statuses.includes('unreachable') ? 'unreachable'
    : statuses.includes('failed') && items.some((i) => i.status === 'failed' && !i.ignored) ? 'failed'
    : statuses.includes('failed') ? 'failed'
    : statuses.includes('changed') ? 'changed'
    : statuses.every((s) => s === 'skipped') ? 'skipped' : 'ok';
  const results = items.map((i) => ({ ...i.result, item_label: i.label, _status: i.status }));
  const result: Obj = { changed: statuses.includes('changed'), results };
  if (status === 'failed') { result.failed = true; result.msg = 'One or more items failed'; }
  if (status === 'skipped') Object.assign(result, { skipped: true }, items.length === 0 ? { skipped_reason: 'No items in the list' } : {});
  return { status, result, ignored: items.some((i) => i.ignored) && !items.some((i) => i.status === 'failed' && !i.ignored), diffs: items.flatMap((i) => i.diffs), predicted: items.some((i) => i.predicted), ...(items[0]?.delegatedTo ? { delegatedTo: items[0].delegatedTo } : {}) };
}

function labelOf(item: unknown): string {
  return typeof item === 'string' ? item : JSON.stringify(item);
}

function summaryOf(c: Change): string {
  return c.kind === 'file' ? `write ${c.path}` : c.summary;
}

function diffOf(c: Change): ResultDiff[] {
  if (c.kind === 'file') {
    if (c.sensitive) return [{ path: c.path, before: '', after: '', beforeHeader: 'content hidden (sensitive)' }];
    return [{ path: c.path, before: c.before === null ? '' : decodeText(c.before).text, after: decodeText(c.after).text }];
  }
  return c.diff ? [c.diff] : [];
}

