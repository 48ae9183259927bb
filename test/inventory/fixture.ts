// Test helper: writes a tree of real files into a fresh temp dir and removes it afterwards.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Creates `files` (relative path -> text) under a new temp dir; returns the dir. */
export function writeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'esbplay-inv-'));
  for (const [rel, text] of Object.entries(files)) {
    const full = join(root, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** Runs `fn` and returns the error it throws (fails the test if it does not throw). */
export function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, but none was thrown');
}

/** Runs `fn` with a temp tree of `files`, removing the tree afterwards. */
export function withTree<T>(files: Record<string, string>, fn: (root: string) => T): T {
  const root = writeTree(files);
  try {
    return fn(root);
  } finally {
    removeTree(root);
  }
}
