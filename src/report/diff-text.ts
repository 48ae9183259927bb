// The printable text of one result diff: a file diff as unified text, a state change as before/after lines.

import { unifiedDiff } from './diff.js';
import type { ResultDiff } from './events.js';

/** The unified text every reporter prints for a diff (already masked when it came from a run's event). */
export function diffText(d: ResultDiff): string {
  if (d.unified !== undefined) return d.unified;
  if (d.path !== undefined && d.beforeHeader === undefined) return unifiedDiff(d.before, d.after, d.path);
  return stateDiff(d);
}

function stateDiff(d: ResultDiff): string {
  const head = `--- ${d.beforeHeader ?? 'before'}\n+++ ${d.afterHeader ?? 'after'}\n`;
  const minus = d.before
    ? d.before
        .replace(/\n$/, '')
        .split('\n')
        .map((l) => `-${l}`)
        .join('\n')
    : '';
  const plus = d.after
    ? d.after
        .replace(/\n$/, '')
        .split('\n')
        .map((l) => `+${l}`)
        .join('\n')
    : '';
  return head + [minus, plus].filter(Boolean).join('\n');
}
