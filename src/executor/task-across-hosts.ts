// Runs one task on every active host of the batch (up to --forks at once) and records the results.

import type { TaskNode } from '../loader/model.js';
import type { TaskRef } from '../report/events.js';
import { UserError } from '../errors.js';
import { sourceLine } from '../loader/yaml.js';
import { mapLimit } from './limit.js';
import { runTaskOnHost, type TaskOutcome } from './task-runner.js';
import { isPendingError, planTaskOnHost } from './plan-task.js';
import type { Inherited, PlayContext } from './run-context.js';
import { DEFAULT_FORKS } from './options.js';
import { notifyHandlers } from './handlers.js';
import { failureStopsTask, throttleOf } from './throttle.js';
import { factsTarget } from './include-vars.js';
import { roleKey } from '../loader/role.js';
import { unknownOfResult } from '../check/unknown-of.js';
import { renderTaskName, resolveKeywords } from './keyword-values.js';
import { taskVars } from './var-scope.js';

export function taskRef(task: TaskNode, handler: boolean): TaskRef {
  const role = task.role?.role.name;
  return { name: task.name ?? task.module, role, module: task.module, loc: task.loc, handler };
}

/** Returns the hosts on which the task failed (not ignored). */
export async function runTaskAcrossHosts(pc: PlayContext, task: TaskNode, raw: Inherited, hosts: readonly string[], handler = false): Promise<Set<string>> {
  const run = pc.run;
  const written = taskRef(task, handler);
  let ref = written;
  const failed = new Set<string>();
  if (hosts.length === 0) return failed;
  const inh = taskLevelKeywords(pc, task, raw, hosts[0]!);
  if (run.mode === 'dry-run') {
    for (const host of inh.runOnce ? hosts.slice(0, 1) : hosts) planTaskOnHost(pc, task, inh, host, ref);
    // run_once registers its result on every host of the batch, so later tasks there wait for it too
    if (inh.runOnce && task.register) for (const h of hosts) run.hosts.get(h)!.pending.add(task.register);
    return failed;
  }
  // --start-at-task / --step: a task the gate declines is not started on any host (and not shown)
  if (run.options.taskGate && !(await run.options.taskGate(written))) return failed;
  if (task.name !== undefined) ref = { ...written, name: renderTaskName(task.name, task.module, () => taskVars(pc, hosts[0]!, raw), task.loc) };
  run.emit({ type: 'task_start', task: ref });
  const targets = inh.runOnce ? hosts.slice(0, 1) : hosts;
  const throttle = throttleOf(pc, task, inh, targets[0]!);
  const forks = run.options.forks ?? DEFAULT_FORKS;
  let failedNow = 0;
  let stop = false;
  const ran = await mapLimit(targets, throttle > 0 ? Math.min(throttle, forks) : forks, async (host) => {
    const started = Date.now();
    let o: TaskOutcome;
    const hinh = hostKeywords(pc, task, raw, host);
    try {
      o = await runTaskOnHost(pc, task, inh, host, ref);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      // a user error found only at run time (e.g. a variable from a registered result): this host fails
      o = { status: 'failed', result: { changed: false, failed: true, msg: e.format(sourceLine) }, ignored: hinh.ignoreErrors === true, diffs: [], predicted: false };
    }
    recordOutcome(pc, host, ref, censor(o, hinh), Date.now() - started);
    if ((o.status === 'failed' && !o.ignored) || o.status === 'unreachable') failedNow++;
    if (throttle > 0 && !stop && failureStopsTask(pc, inh, failedNow)) {
      stop = true;
      run.emit({ type: 'warning', message: `'${ref.name}' failed on ${host} with throttle ${throttle}: no further host starts it (the hosts already running it finish)`, loc: task.loc });
    }
    return [host, o] as const;
  }, () => stop);
  const outcomes = ran.filter((x) => x !== undefined);
  if (inh.runOnce && outcomes[0]) {
    const [, o] = outcomes[0];
    for (const h of hosts.slice(1)) {
      const st = run.hosts.get(h)!;
      if (task.register) st.facts[task.register] = o.result;
      // facts a run_once task sets (set_fact, include_vars) go to every host of the batch, as in Ansible
      const facts = o.result.ansible_facts;
      if (facts && typeof facts === 'object' && o.status !== 'failed') Object.assign(factsTarget(st, task.module), facts);
      if (o.status === 'changed') notifyHandlers(pc, st, task.notify);
    }
  }
  for (const [host, o] of outcomes) {
    const st = run.hosts.get(host)!;
    // Ansible counts a role as run on a host once one of its tasks had a result there (not skipped)
    if (task.role && o.status !== 'skipped' && o.status !== 'unreachable') st.rolesRan.add(roleKey(task.role));
    if (o.status === 'unreachable') st.unreachable = true;
    else if (o.status === 'failed' && !o.ignored) {
      failed.add(host);
      st.failed = true;
      st.facts.ansible_failed_result = o.result;
      st.facts.ansible_failed_task = { name: ref.name, action: task.module };
    }
  }
  if (inh.runOnce && failed.size > 0) for (const h of hosts) if (!failed.has(h)) { failed.add(h); run.hosts.get(h)!.failed = true; }
  return failed;
}

/**
 * run_once and any_errors_fatal, decided once per task with the first host's variables; in the
 * preflight one that reads a registered result is decided at run time (planned on every host).
 */
function taskLevelKeywords(pc: PlayContext, task: TaskNode, raw: Inherited, host: string): Inherited {
  try {
    return resolveKeywords(raw, () => taskVars(pc, host, raw), task.loc, ['runOnce', 'anyErrorsFatal']);
  } catch (e) {
    if (pc.run.mode !== 'dry-run' || !isPendingError(e, pc.run.hosts.get(host)!.pending)) throw e;
    return { ...raw, runOnce: false, anyErrorsFatal: false };
  }
}

/**
 * no_log, diff and ignore_errors for the host's result as a whole; a template that cannot be
 * rendered without a loop item stays raw: no_log then hides the result, ignore_errors ignores nothing.
 */
function hostKeywords(pc: PlayContext, task: TaskNode, raw: Inherited, host: string): Inherited {
  try {
    return resolveKeywords(raw, () => taskVars(pc, host, raw), task.loc, ['noLog', 'diff', 'ignoreErrors']);
  } catch (e) {
    if (e instanceof UserError) return raw;
    throw e;
  }
}

const CENSORED = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

/** no_log hides the result and diffs from every output; `diff: false` hides only the diffs. */
function censor(o: TaskOutcome, inh: Inherited): TaskOutcome {
  if (inh.noLog !== undefined && inh.noLog !== false) return { ...o, diffs: [], result: { changed: o.result.changed, ...(o.result.failed ? { failed: true } : {}), censored: CENSORED, msg: CENSORED } };
  if (inh.diff === false) return { ...o, diffs: [] };
  return o;
}

/** Counts the result in the host's recap as Ansible does, and emits it. */
export function recordOutcome(pc: PlayContext, host: string, ref: TaskRef, o: TaskOutcome, durationMs: number): void {
  const st = pc.run.hosts.get(host)!.stats;
  if (o.status === 'ok') st.ok++;
  else if (o.status === 'changed') { st.ok++; st.changed++; }
  else if (o.status === 'skipped') st.skipped++;
  else if (o.status === 'unreachable') st.unreachable++;
  else if (o.ignored) {
    // an ignored failure is ok and ignored (and changed if it changed something)
    st.ok++;
    st.ignored++;
    if (o.result.changed === true) st.changed++;
  } else st.failed++;
  if (unknownOfResult(o.result) !== undefined) st.unknown = (st.unknown ?? 0) + 1;
  const masker = pc.run.masker;
  pc.run.emit({
    type: 'host_result',
    host,
    task: ref,
    status: o.status,
    msg: typeof o.result.msg === 'string' ? masker.mask(o.result.msg) : undefined,
    // masked when emitted (report/mask-event.ts): masked here, the old value a secret replaces could not be found by position
    diffs: o.diffs,
    result: masker.maskDeep(o.result),
    ignored: o.ignored,
    predicted: o.predicted,
    ...(o.delegatedTo ? { delegatedTo: o.delegatedTo } : {}),
    durationMs,
  });
}
