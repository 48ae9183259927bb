// Masks an event before any reporter, library listener or the run's event list sees it.

import type { Masker } from '../vars/secret.js';
import type { RunEvent, TaskRef } from './events.js';
import { maskResultDiff } from './mask-diff.js';

/**
 * Every string of the event goes through the masker; diffs are masked by position too
 * (mask-diff.ts). Task refs keep their identity (reporters group results by them).
 */
export function maskEvent(e: RunEvent, masker: Masker, refs: WeakMap<TaskRef, TaskRef>): RunEvent {
  if (!('task' in e)) return masker.maskDeep(e);
  // diffs first: a rotated old value found there is registered before the rest is masked
  const diffs = e.type === 'host_result' ? e.diffs.map((d) => maskResultDiff(d, masker)) : undefined;
  const { task, ...rest } = e;
  // the diffs' texts (whole files) are masked once, above, not a second time by search
  const masked = masker.maskDeep(diffs ? { ...rest, diffs: [] } : rest) as Record<string, unknown>;
  if (diffs) masked.diffs = diffs;
  return { ...masked, task: maskRef(task, masker, refs) } as RunEvent;
}

function maskRef(ref: TaskRef, masker: Masker, refs: WeakMap<TaskRef, TaskRef>): TaskRef {
  let m = refs.get(ref);
  if (!m) {
    const name = masker.mask(ref.name);
    m = name === ref.name ? ref : { ...ref, name };
    refs.set(ref, m);
  }
  return m;
}
