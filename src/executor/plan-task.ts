// --dry-run (and the preflight of every run): renders and validates a task for a host, touching nothing.

import type { TaskNode } from '../loader/model.js';
import type { TaskRef } from '../report/events.js';
import { errorAtLoc } from '../loader/yaml.js';
import { referencedNames } from '../vars/expr/index.js';
import { UndefinedVariableError } from '../vars/expr/errors.js';
import { renderString, renderValue } from '../vars/render.js';
import { checkControllerFile, readControllerFile } from '../vault/scope.js';
import { decodeInput, encodeAs } from '../loader/text-input.js';
import { describeCondition, firstFalse } from './conditions.js';
import { rawArgs, renderArgs } from './task-args.js';
import { makeFindFile, searchDirs } from './task-context.js';
import { itemVars, loopItems } from './loop-items.js';
import { checkStaticArgs } from './static-checks.js';
import { makePreflightContext } from '../lint/preflight-context.js';
import { taskVars } from './var-scope.js';
import { factsTarget, INCLUDE_VARS, moduleOf, readIncludeVars, type IncludeVarsArgs } from './include-vars.js';
import { notifyHandlers } from './handlers.js';
import { numberKeyword, resolveKeywords } from './keyword-values.js';
import type { Inherited, PlayContext } from './run-context.js';

type Obj = Record<string, unknown>;

/** Names a condition reads that only exist after an earlier task really ran. */
function pendingIn(cond: unknown, pending: ReadonlySet<string>): string[] {
  if (typeof cond !== 'string' || pending.size === 0) return [];
  return referencedNames(cond).required.filter((n) => pending.has(n));
}

export function planTaskOnHost(pc: PlayContext, task: TaskNode, inh: Inherited, host: string, ref: TaskRef): void {
  const run = pc.run;
  const state = run.hosts.get(host)!;
  const def = moduleOf(run.modules, task.module);
  if (!def) throw errorAtLoc(`unknown module '${task.module}'`, task.loc);
  const emit = (action: 'run' | 'skip' | 'decide-at-run-time', extra: { reason?: string; args?: Obj; item?: string } = {}) => {
    if (action !== 'skip') notifyHandlers(pc, state, task.notify);
    // no_log hides the rendered arguments from the plan too, as it hides results from a run
    const args = !extra.args ? undefined : inh.noLog ? { censored: NO_LOG_ARGS } : run.masker.maskDeep(extra.args);
    run.emit({ type: 'task_plan', host, task: ref, action, notifies: task.notify, ...extra, args });
  };
  const vars = taskVars(pc, host, inh);
  const deferred = inh.when.flatMap((c) => pendingIn(c, state.pending));
  if (task.register) state.pending.add(task.register);
  /** what a set_fact/include_vars left to run time would set is only known then too */
  const deferFacts = () => {
    const targets = (inh.runOnce ? pc.batch : [host]).map((h) => run.hosts.get(h)!.pending);
    const names = task.module === 'set_fact' ? Object.keys(rawArgs(task, def)).filter((k) => k !== 'cacheable')
      : task.module === INCLUDE_VARS ? [typeof rawArgs(task, def).name === 'string' ? String(rawArgs(task, def).name) : ANY_PENDING] : [];
    for (const p of targets) for (const n of names) p.add(n.includes('{{') ? ANY_PENDING : n);
  };
  if (deferred.length > 0) {
    deferFacts();
    emit('decide-at-run-time', { reason: `when depends on ${[...new Set(deferred)].join(', ')}, known only at run time` });
    return;
  }
  let items: unknown[] = [undefined];
  if (task.loop !== undefined) {
    const loop = task.loop;
    const l = tryRender(() => loopItems(loop, vars, task.loc, searchDirs(pc, task, inh)), state.pending);
    if (l === DEFERRED) {
      deferFacts();
      return emit('decide-at-run-time', { reason: 'loop depends on a registered result' });
    }
    items = l;
  }
  for (const [i, item] of items.entries()) {
    const v = task.loop !== undefined ? taskVars(pc, host, inh, itemVars(task.loopControl, items, i)) : vars;
    const label = task.loop === undefined ? undefined
      : task.loopControl.label !== undefined ? String(renderValue(task.loopControl.label, v, task.loc))
      : typeof item === 'string' ? item : JSON.stringify(item);
    const falseCond = tryRender(() => firstFalse(inh.when, v, task.loc), state.pending);
    if (falseCond === DEFERRED) {
      deferFacts();
      emit('decide-at-run-time', { reason: 'when depends on a value known only at run time', item: label });
      continue;
    }
    if (falseCond !== undefined) {
      emit('skip', { reason: `when: ${describeCondition(falseCond)} is false`, item: label });
      continue;
    }
    // a keyword template (become: "{{ x | bool }}") must give a boolean: checked before any host is touched
    tryRender(() => [resolveKeywords(inh, () => v, task.loc), numberKeyword(task.retries, v), numberKeyword(task.delay, v)], state.pending);
    const args = tryRender(() => renderArgs(task, def, v), state.pending);
    if (args === DEFERRED) {
      deferFacts();
      emit('decide-at-run-time', { reason: 'arguments depend on a registered result', item: label });
      continue;
    }
    checkStaticArgs(task, args as Obj);
    checkControllerFiles(pc, task, inh, args as Obj, v);
    if (def.preflight) def.preflight(args, makePreflightContext(pc, task, host, v));
    if (task.module === 'set_fact' || task.module === INCLUDE_VARS) {
      // facts exist before the run: later tasks are checked against them
      const plan = def.plan(args, task.module === INCLUDE_VARS ? readIncludeVars(args as unknown as IncludeVarsArgs, makeFindFile(pc, task, inh) as (k: string, n: string) => string) : undefined, { host, checkMode: true, vars: v });
      const targets = inh.runOnce ? pc.batch : [host];
      if (plan.facts) for (const h of targets) Object.assign(factsTarget(run.hosts.get(h)!, task.module), plan.facts);
    }
    const given = new Set(Object.keys(rawArgs(task, def)));
    emit('run', { args: Object.fromEntries(Object.entries(args as Obj).filter(([k]) => given.has(k))), item: label });
  }
}

const DEFERRED = Symbol('deferred');
const NO_LOG_ARGS = "the arguments have been hidden due to the fact that 'no_log: true' was specified for this task";

/** In a host's pending set: an include_vars left to run time may define any variable. */
export const ANY_PENDING = '*';

function tryRender<T>(f: () => T, pending: ReadonlySet<string>): T | typeof DEFERRED {
  try {
    return f();
  } catch (e) {
    if (isPendingError(e, pending)) return DEFERRED;
    throw e;
  }
}

/** An undefined variable that an earlier task registers or sets at run time: known only then. */
export function isPendingError(e: unknown, pending: ReadonlySet<string>): boolean {
  return e instanceof UndefinedVariableError && (pending.has(e.variable.split('.')[0]!) || pending.has(ANY_PENDING));
}

/** Sources on the controller must exist, and templates must render, before any host is touched. */
function checkControllerFiles(pc: PlayContext, task: TaskNode, inh: Inherited, args: Obj, vars: Obj): void {
  const src = typeof args.src === 'string' ? args.src : undefined;
  if (!src || args.remote_src === true) return;
  const find = makeFindFile(pc, task, inh);
  if (task.module === 'template') {
    const file = find('templates', src);
    const source = decodeInput(readControllerFile(file).data, file, { xmlDeclaration: true });
    tryRender(() => encodeAs(renderString(source.text, vars, { file }), source.encoding, file), pc.run.hosts.get(String(vars.inventory_hostname))?.pending ?? new Set());
  } else if (task.module === 'copy' || task.module === 'unarchive') {
    checkControllerFile(find('files', src));
  }
}
