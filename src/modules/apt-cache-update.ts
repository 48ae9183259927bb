// apt's package lists: how old they are on the host, and `apt-get update` with a bounded wait for the lists lock.

import type { ReadContext } from './types.js';
import { requireConn } from './file-common.js';
import { APT_ENV } from './apt-query.js';

// Ansible's get_updated_cache_time: the success stamp written by update hooks, else the lists directory
const STAMP = '/var/lib/apt/periodic/update-success-stamp';
const LISTS = '/var/lib/apt/lists';

/** Milliseconds since the epoch of the last cache update as Ansible reads it (0 when unknown). */
export async function readCacheTime(ctx: ReadContext): Promise<number> {
  const conn = requireConn(ctx, 'apt');
  for (const p of [STAMP, LISTS]) {
    const st = await conn.stat(p, { become: ctx.become });
    if (st.exists) return st.mtimeMs ?? 0;
  }
  return 0;
}

/** The host's clock (seconds), so cache_valid_time is judged by the host, not the controller. */
export async function readHostTime(ctx: ReadContext): Promise<number> {
  const r = await requireConn(ctx, 'apt').exec(['date', '+%s'], { become: ctx.become });
  const now = Number(r.stdout.trim());
  if (r.exitCode !== 0 || !Number.isFinite(now)) throw new Error(`cannot read the clock of ${ctx.host}: ${r.stderr.trim()}`);
  return now;
}

// held by another process (worth waiting for), as opposed to "Could not open lock file ... Permission denied"
const LOCKED = /Could not get lock/;
const NOT_ROOT = /Permission denied|are you root/;

/**
 * Runs apt-get update, retrying while another process holds the lists lock, for at most lockTimeout
 * seconds; throws with apt's own error lines when the update fails.
 */
export async function updateCache(ctx: ReadContext, lockTimeout: number): Promise<void> {
  const conn = requireConn(ctx, 'apt');
  const deadline = Date.now() + lockTimeout * 1000;
  for (;;) {
    const r = await conn.exec([...APT_ENV, 'apt-get', 'update', '-q'], { become: ctx.become });
    if (r.exitCode === 127) throw new Error(`apt-get not found on ${ctx.host}: the apt module works on Debian/Ubuntu hosts only`);
    if (r.exitCode === 0) return;
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('E:')).join(' ') || r.stderr.trim() || `exit ${r.exitCode}`;
    if (NOT_ROOT.test(r.stderr)) throw new Error(`Failed to update apt cache on ${ctx.host}: ${errors} (apt needs root: become: true)`);
    if (!LOCKED.test(r.stderr)) throw new Error(`Failed to update apt cache on ${ctx.host}: ${errors}`);
    if (Date.now() >= deadline) {
      throw new Error(`Failed to lock apt for exclusive operation: waited ${lockTimeout} s (lock_timeout) for the apt lists lock: ${errors}`);
    }
    ctx.progress?.(`waiting for the apt lists lock (up to ${lockTimeout} s): ${errors}`);
    await new Promise((res) => setTimeout(res, 1000));
  }
}
