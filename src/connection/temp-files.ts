// The temp files esbplay writes beside a target: their names (which controller process made them) and which ones a killed run left behind.

import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import { posix } from 'node:path';

/** This controller machine, as 8 hex digits in every temp name (with the pid: which process owns the file). */
const CONTROLLER = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8);

/** `.NAME.esbplay-<controller 8><pid 8><random 12>.tmp`; older esbplay versions wrote `.NAME.esbplay-<12 hex>.tmp` and `.esbplay.XXXXXXXX`. */
const CURRENT = /^\..*\.esbplay-([0-9a-f]{8})([0-9a-f]{8})[0-9a-f]{12}\.tmp$/;
const LEGACY = /^(?:\..*\.esbplay-[0-9a-f]{12}\.tmp|\.esbplay\.[A-Za-z0-9]{8}|\..*\.esbplay-validate)$/;

/** A temp file of another controller (or an older esbplay) is stale after this long: no write takes an hour. */
export const FOREIGN_STALE_MS = 60 * 60 * 1000;

/** The unique part of a temp name owned by this process (hex, for scripts that build the name themselves). */
export function tempTag(): string {
  return `${CONTROLLER}${process.pid.toString(16).padStart(8, '0').slice(-8)}${randomBytes(6).toString('hex')}`;
}

/** A new temp path beside `file` (same directory, so a rename can replace the target). */
export function tempPathFor(file: string): string {
  return posix.join(posix.dirname(file), `.${posix.basename(file)}.esbplay-${tempTag()}.tmp`);
}

/** True for any name esbplay gives its temp files (current or older formats). */
export function isTempName(name: string): boolean {
  return CURRENT.test(name) || LEGACY.test(name);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/**
 * A temp file left by a run that is gone: made by this machine's controller in a process that no
 * longer exists, or (another controller, an older version) untouched for FOREIGN_STALE_MS.
 * Temp files of this very process are never stale: their writer removes them.
 */
export function isStaleTemp(name: string, mtimeMs: number, now = Date.now()): boolean {
  const m = CURRENT.exec(name);
  if (m && m[1] === CONTROLLER) {
    const pid = parseInt(m[2]!, 16);
    return pid !== process.pid && !alive(pid);
  }
  if (!m && !LEGACY.test(name)) return false;
  return now - mtimeMs > FOREIGN_STALE_MS;
}

/** Remembers which directories this connection already swept (once per directory per run). */
export class SweptDirs {
  readonly #done = new Set<string>();

  /** true the first time a directory is seen */
  first(dir: string): boolean {
    if (this.#done.has(dir)) return false;
    this.#done.add(dir);
    return true;
  }
}

