// The state `npm run lab:up` records for `npm run lab:down`: who runs the lab, its files and hosts, and how to end them if the owner is gone.

import { existsSync, promises as fs, readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HostProcessInfo } from './cluster-lab.js';
import { findProcessesIn } from './cluster-namespace.js';

export interface LabState {
  /** the detached process that owns the lab (lab-cli.ts serve) and its start time (/proc/PID/stat field 22) */
  readonly ownerPid: number;
  readonly ownerStart: string;
  readonly dir: string;
  readonly inventory: string;
  readonly keyFile: string;
  readonly knownHostsFile: string;
  readonly hosts: ReadonlyArray<{ readonly name: string; readonly address: string; readonly root: string }>;
  readonly processes: readonly HostProcessInfo[];
  readonly startMs: number;
}

/** Where the state and the owner's log live: $ESBPLAY_LAB_STATE_DIR, else <tmpdir>/esbplay-lab. */
export function stateDir(): string {
  return process.env.ESBPLAY_LAB_STATE_DIR || path.join(os.tmpdir(), 'esbplay-lab');
}

export function stateFile(): string {
  return path.join(stateDir(), 'state.json');
}

export function readState(): LabState | null {
  try {
    return JSON.parse(readFileSync(stateFile(), 'utf8')) as LabState;
  } catch {
    return null;
  }
}

export async function writeState(state: LabState): Promise<void> {
  await fs.mkdir(stateDir(), { recursive: true });
  const tmp = `${stateFile()}.${process.pid}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
  await fs.rename(tmp, stateFile());
}

export async function removeState(): Promise<void> {
  await fs.rm(stateFile(), { force: true });
}

/** The start time of a process (clock ticks since boot), or null when it does not exist or is a zombie. */
export function readStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? null : fields[19] ?? null;
  } catch {
    return null;
  }
}

/** True while the recorded owner runs (same pid and start time: not a recycled pid). */
export function isOwnerAlive(state: LabState): boolean {
  return readStartTime(state.ownerPid) === state.ownerStart;
}

/**
 * Ends what a lab whose owner is gone left behind: SIGKILL to each host's pid 1 that is still in
 * the recorded pid namespace (a recycled pid is never touched), then waits until no process is
 * left in those namespaces, and removes the lab's files. Returns how many hosts were still up.
 */
export async function cleanUpOrphanedLab(state: LabState): Promise<number> {
  let killed = 0;
  for (const p of state.processes) {
    try {
      if (readlinkSync(`/proc/${p.initPid}/ns/pid`) !== p.pidNs) continue;
      process.kill(p.initPid, 'SIGKILL');
      killed++;
    } catch {
      // already gone
    }
  }
  const namespaces = state.processes.map((p) => p.pidNs);
  for (let i = 0; i < 200 && findProcessesIn(namespaces).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
  const left = findProcessesIn(namespaces);
  if (left.length > 0) throw new Error(`processes of the lab are still alive: ${left.map((p) => `${p.pid} ${p.cmdline}`).join('; ')}`);
  if (state.dir.includes('esbplay-cluster-') && existsSync(state.dir)) await fs.rm(state.dir, { recursive: true, force: true });
  return killed;
}
