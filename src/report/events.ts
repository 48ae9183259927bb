// Typed events the executor emits; reporters (human, JSON) and library users subscribe to them.

import type { SourceLoc } from '../errors.js';
import type { DiffText } from '../modules/types.js';

export type HostStatus = 'ok' | 'changed' | 'skipped' | 'failed' | 'unreachable';

export interface HostStats {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
  /** check mode: task results whose effect check mode could not know (absent when none) */
  unknown?: number;
}

export function emptyStats(): HostStats {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
}

/** A file diff (before/after bytes as text) or a state diff, ready to print. */
export interface ResultDiff extends DiffText {
  readonly path?: string;
  /** the unified diff, already masked (set on file diffs of emitted events; reporters print it as is) */
  readonly unified?: string;
}

export interface TaskRef {
  readonly name: string;
  readonly role?: string;
  readonly module: string;
  readonly loc: SourceLoc;
  readonly handler: boolean;
}

export interface HostResultEvent {
  readonly type: 'host_result';
  readonly host: string;
  readonly task: TaskRef;
  readonly status: HostStatus;
  /** label of the loop item, when the task loops */
  readonly item?: string;
  readonly msg?: string;
  readonly diffs: readonly ResultDiff[];
  /** the registered result (already masked) */
  readonly result: Readonly<Record<string, unknown>>;
  readonly ignored?: boolean;
  /** check mode: the change was predicted, not made (commands "would run") */
  readonly predicted?: boolean;
  readonly delegatedTo?: string;
  readonly durationMs: number;
}

/** --dry-run: what a task would do on a host, with rendered args (no host touched). */
export interface PlanEvent {
  readonly type: 'task_plan';
  readonly host: string;
  readonly task: TaskRef;
  readonly action: 'run' | 'skip' | 'decide-at-run-time';
  readonly reason?: string;
  readonly args?: Readonly<Record<string, unknown>>;
  readonly item?: string;
  readonly notifies?: readonly string[];
}

export type RunEvent =
  | { readonly type: 'playbook_start'; readonly file: string; readonly mode: 'run' | 'check' | 'dry-run' }
  | { readonly type: 'play_start'; readonly name: string; readonly hosts: readonly string[]; readonly batch?: number; readonly batches?: number }
  | { readonly type: 'task_start'; readonly task: TaskRef }
  | HostResultEvent
  | PlanEvent
  | { readonly type: 'progress'; readonly host: string; readonly task: TaskRef; readonly message: string }
  | { readonly type: 'warning'; readonly message: string; readonly loc?: SourceLoc }
  /** detail shown from `level` -v on: at 3 (-vvv) each connection opened and each command run */
  | { readonly type: 'verbose'; readonly level: number; readonly host?: string; readonly message: string }
  | { readonly type: 'no_hosts'; readonly play: string; readonly pattern: string }
  | { readonly type: 'play_aborted'; readonly play: string; readonly reason: string }
  /** the run was interrupted (SIGINT/SIGTERM): what ran is in the recap; pending handlers stay recorded on the hosts */
  | { readonly type: 'interrupted'; readonly signal: string }
  | { readonly type: 'recap'; readonly stats: Readonly<Record<string, HostStats>> }
  | { readonly type: 'playbook_end'; readonly exitCode: number; readonly durationMs: number };

export type EventListener = (e: RunEvent) => void;
