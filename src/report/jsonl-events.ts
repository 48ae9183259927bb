// The events of `--output jsonl`, one JSON object per line: the stable, documented shape for machines (schema/events.schema.json).

import type { HostStats } from './events.js';

/** The task an event is about. */
export interface JsonlTask {
  name: string;
  /** the role the task comes from */
  role?: string;
  module: string;
  /** the task's file and line */
  file: string;
  line: number;
  handler: boolean;
}

export type JsonlHostStatus = 'ok' | 'changed' | 'skipped' | 'failed' | 'unreachable';

/** ok, changed, unreachable, failed, skipped, rescued, ignored counts of one host */
export type JsonlHostStats = HostStats;

interface Base {
  /** when the event was written (ISO 8601, UTC) */
  time: string;
}

/** First line: the playbook and the mode of the run; `version` is this stream format's version. */
export interface JsonlPlaybookStart extends Base {
  type: 'playbook_start';
  version: 1;
  file: string;
  mode: 'run' | 'check' | 'dry-run';
}

export interface JsonlPlayStart extends Base {
  type: 'play_start';
  name: string;
  /** the hosts of this batch */
  hosts: string[];
  batch?: number;
  batches?: number;
}

/** A task starts (on every host of the batch that runs it). */
export interface JsonlTaskStart extends Base {
  type: 'task_start';
  task: JsonlTask;
}

/** A notified handler starts. */
export interface JsonlHandlerStart extends Base {
  type: 'handler_start';
  task: JsonlTask;
}

/** A change of one host as a unified diff (masked), written before that host's result, with --diff. */
export interface JsonlDiff extends Base {
  type: 'diff';
  host: string;
  task: JsonlTask;
  diff: string;
}

export interface JsonlHostResult extends Base {
  type: 'host_result';
  host: string;
  task: JsonlTask;
  status: JsonlHostStatus;
  /** the task ran on this host on behalf of `host` (delegate_to) */
  delegated_to?: string;
  /** the failure was ignored (ignore_errors) */
  ignored?: boolean;
  /** check mode: the change was predicted, not made */
  predicted?: boolean;
  duration_ms: number;
  /** the registered result, masked */
  result: Record<string, unknown>;
}

/** --dry-run: what a task would do on a host. */
export interface JsonlTaskPlan extends Base {
  type: 'task_plan';
  host: string;
  task: JsonlTask;
  action: 'run' | 'skip' | 'decide-at-run-time';
  reason?: string;
  /** the rendered arguments (masked) */
  args?: Record<string, unknown>;
  item?: string;
  notifies?: string[];
}

/** A task waits or retries: `until` retries carry `retries_left`. */
export interface JsonlProgress extends Base {
  type: 'progress';
  host: string;
  task: JsonlTask;
  message: string;
  retries_left?: number;
}

export interface JsonlWarning extends Base {
  type: 'warning';
  message: string;
  file?: string;
  line?: number;
}

/** A play's host pattern matched no host. */
export interface JsonlNoHosts extends Base {
  type: 'no_hosts';
  play: string;
  pattern: string;
}

/** A play stopped (any_errors_fatal, max_fail_percentage). */
export interface JsonlPlayAborted extends Base {
  type: 'play_aborted';
  play: string;
  reason: string;
}

/** SIGINT/SIGTERM: no new task started; the recap and the end follow. */
export interface JsonlInterrupted extends Base {
  type: 'interrupted';
  signal: string;
}

export interface JsonlRecap extends Base {
  type: 'recap';
  /** per host, sorted by host name */
  stats: Record<string, JsonlHostStats>;
}

/** Last line. */
export interface JsonlPlaybookEnd extends Base {
  type: 'playbook_end';
  exit_code: number;
  duration_ms: number;
}

/** One line of `--output jsonl`. */
export type JsonlEvent =
  | JsonlPlaybookStart
  | JsonlPlayStart
  | JsonlTaskStart
  | JsonlHandlerStart
  | JsonlDiff
  | JsonlHostResult
  | JsonlTaskPlan
  | JsonlProgress
  | JsonlWarning
  | JsonlNoHosts
  | JsonlPlayAborted
  | JsonlInterrupted
  | JsonlRecap
  | JsonlPlaybookEnd;
