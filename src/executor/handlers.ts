// Runs notified handlers in definition order, once, on the hosts that notified them.

import type { TaskNode } from '../loader/model.js';
import type { Inherited, PlayContext } from './run-context.js';
import { inherit } from './run-context.js';
import { runTaskAcrossHosts } from './task-across-hosts.js';

const ROOT: Inherited = { varsChain: [], when: [], tags: [] };

function listensTo(h: TaskNode): string[] {
  return [...(h.name ? [h.name] : []), ...h.listen];
}

/** Notify names that match no handler (checked before the run). */
export function unknownNotifies(handlers: readonly TaskNode[], notify: readonly string[]): string[] {
  const known = new Set(handlers.flatMap(listensTo));
  return notify.filter((n) => !known.has(n));
}

export async function flushHandlers(pc: PlayContext, hosts: readonly string[]): Promise<void> {
  const states = pc.run.hosts;
  const force = pc.play.forceHandlers || !!pc.run.options.forceHandlers;
  for (let pass = 0; pass < 10; pass++) {
    let ran = false;
    for (const handler of pc.play.handlers) {
      const names = listensTo(handler);
      const targets = hosts.filter((h) => {
        const st = states.get(h)!;
        return !st.unreachable && !st.endedPlay && (force || !st.failed) && names.some((n) => st.notified.has(n));
      });
      if (targets.length === 0) continue;
      for (const h of targets) for (const n of names) states.get(h)!.notified.delete(n);
      ran = true;
      await runTaskAcrossHosts(pc, handler, inherit(ROOT, handler), targets, true);
    }
    if (!ran) return;
  }
}
