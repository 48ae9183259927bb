// Unified diffs of file contents with Ansible-style headers (`--- before: PATH` / `+++ after: PATH`).

import { createTwoFilesPatch } from 'diff';

/** Ansible's max_diff_size: bigger contents are not diffed (jsdiff is O(N*D) and would stall the run for minutes). */
export const MAX_DIFF_CHARS = 104_448;

/**
 * The unified diff of before -> after for PATH; '' when they are equal.
 * A missing file (null) diffs as empty text. Binary (a NUL byte) or oversized contents give the
 * headers and a `diff skipped: ...` line instead, as Ansible does.
 */
export function unifiedDiff(before: string | null, after: string, path: string, context = 3): string {
  const old = before ?? '';
  if (old === after) return '';
  const skipped = old.includes('\0') || after.includes('\0') ? 'binary content'
    : old.length > MAX_DIFF_CHARS || after.length > MAX_DIFF_CHARS ? `content larger than ${MAX_DIFF_CHARS} characters` : undefined;
  if (skipped) return `--- before: ${path}\n+++ after: ${path}\ndiff skipped: ${skipped} (${old.length} -> ${after.length} characters)\n`;
  const patch = createTwoFilesPatch(`before: ${path}`, `after: ${path}`, old, after, undefined, undefined, { context });
  // drop the `Index:`/`====` preamble and the empty header suffix (tab) jsdiff writes
  const lines = patch.split('\n');
  const start = lines.findIndex((l) => l.startsWith('--- '));
  return lines
    .slice(start)
    .map((l) => (l.startsWith('--- ') || l.startsWith('+++ ') ? l.replace(/\t$/, '') : l))
    .join('\n');
}
