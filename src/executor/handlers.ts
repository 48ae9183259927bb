// Handlers as Ansible 2.14 runs them: a notify marks every matching handler; a flush walks them once, in order.

import type { TaskNode } from '../loader/model.js';
import type { HostState } from './host-state.js';
import type { PlayContext } from './run-context.js';
import { inherit, playScope } from './run-context.js';
import { runTaskAcrossHosts } from './task-across-hosts.js';
import { clearRan } from './pending-handlers.js';
import { boolKeyword } from './keyword-values.js';
import { taskVars } from './var-scope.js';
import { endPlayOnFailure } from './fail-fast.js';

/** Names a handler answers to by name: its own, and `role : name` for role handlers. */
function namesOf(h: TaskNode): string[] {
  if (!h.name) return [];
  return h.role ? [h.name, `${h.role.role.name} : ${h.name}`] : [h.name];
}

/**
 * The handlers a notify of `name` marks: one handler with that name and every handler listening
 * on it as a topic, in definition order. Like Ansible, the name is looked up in the handler files
 * from the last (the play's own handlers, then the roles' from the last role), and within one
 * file the first handler with the name wins.
 */
export function handlersFor(handlers: readonly TaskNode[], name: string): TaskNode[] {
  const files: TaskNode[][] = [];
  for (const h of handlers) {
    const last = files[files.length - 1];
    if (last && last[0]!.role?.role.path === h.role?.role.path) last.push(h);
    else files.push([h]);
  }
  let byName: TaskNode | undefined;
  for (let i = files.length - 1; i >= 0 && !byName; i--) byName = files[i]!.find((h) => namesOf(h).includes(name));
  return handlers.filter((h) => h === byName || h.listen.includes(name));
}

/** Notify names that match no handler (checked before the run). */
export function unknownNotifies(handlers: readonly TaskNode[], notify: readonly string[]): string[] {
  return notify.filter((n) => handlersFor(handlers, n).length === 0);
}

/** The play's handlers, then those of roles include_role brought in (as Ansible adds them to the play). */
function playHandlers(pc: PlayContext): readonly TaskNode[] {
  return pc.includedHandlers.length === 0 ? pc.play.handlers : [...pc.play.handlers, ...pc.includedHandlers];
}

/** Marks the handlers that `names` notify on a host. */
export function notifyHandlers(pc: PlayContext, state: HostState, names: readonly string[]): void {
  for (const n of names) for (const h of handlersFor(playHandlers(pc), n)) state.notified.add(h);
}

/**
 * One flush: every handler in definition order runs on the hosts it was notified on, once.
 * A handler notified by a handler defined after it runs in this flush; one defined before it
 * waits for the next flush (Ansible 2.14's single pass over the handler list).
 */
export async function flushHandlers(pc: PlayContext, hosts: readonly string[]): Promise<void> {
  const states = pc.run.hosts;
  const scope = playScope(pc.play);
  const force = !!pc.run.options.forceHandlers || (hosts.length > 0 && boolKeyword(pc.play.forceHandlers, () => taskVars(pc, hosts[0]!, scope)) === true);
  for (const handler of playHandlers(pc)) {
    const targets = hosts.filter((h) => {
      const st = states.get(h)!;
      return !st.unreachable && !st.endedPlay && (force || !st.failed) && st.notified.has(handler);
    });
    if (targets.length === 0) continue;
    for (const h of targets) states.get(h)!.notified.delete(handler);
    const inh = inherit(scope, handler);
    const failed = await runTaskAcrossHosts(pc, handler, inh, targets, true);
    // the hosts it ran on forget it in their pending-handler record
    await clearRan(pc, handler, targets.filter((h) => !failed.has(h) && !states.get(h)!.unreachable && !pc.run.options.interrupt?.requested));
    if (failed.size > 0 && pc.run.mode !== 'dry-run') endPlayOnFailure(pc, inh, failed);
  }
}
