// Progress of waits and retries in plain logs: every `until` retry as Ansible prints it, other waits at most every 10 seconds per host and task.

import type { TaskRef } from './events.js';
import { retriesLeft } from './retry-progress.js';

/** Seconds between two lines of the same wait in a non-terminal log. */
export const WAIT_LINE_EVERY_MS = 10_000;

function taskLabel(t: TaskRef): string {
  return t.role ? `${t.role} : ${t.name}` : t.name;
}

export class ProgressText {
  private readonly lastLine = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The line for this progress event, or undefined when a line for the same wait was printed just before. */
  line(host: string, task: TaskRef, message: string): string | undefined {
    const left = retriesLeft(message);
    if (left !== undefined) return `FAILED - RETRYING: [${host}]: ${taskLabel(task)} (${left} retries left).`;
    const key = `${host}\0${task.loc.file}:${task.loc.line}`;
    const last = this.lastLine.get(key);
    const t = this.now();
    if (last !== undefined && t - last < WAIT_LINE_EVERY_MS) return undefined;
    this.lastLine.set(key, t);
    return `[${host}]: ${message}`;
  }
}
