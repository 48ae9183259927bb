// Unified diffs of file contents with Ansible-style headers (`--- before: PATH` / `+++ after: PATH`).

import { createTwoFilesPatch } from 'diff';

/**
 * The unified diff of before -> after for PATH; '' when they are equal.
 * A missing file (null) diffs as empty text.
 */
export function unifiedDiff(before: string | null, after: string, path: string, context = 3): string {
  const old = before ?? '';
  if (old === after) return '';
  const patch = createTwoFilesPatch(`before: ${path}`, `after: ${path}`, old, after, undefined, undefined, { context });
  // drop the `Index:`/`====` preamble and the empty header suffix (tab) jsdiff writes
  const lines = patch.split('\n');
  const start = lines.findIndex((l) => l.startsWith('--- '));
  return lines
    .slice(start)
    .map((l) => (l.startsWith('--- ') || l.startsWith('+++ ') ? l.replace(/\t$/, '') : l))
    .join('\n');
}
