// Per-host state during a run: facts and registered results, failure, notified handlers, stats.

import type { TaskNode } from '../loader/model.js';
import { emptyStats, type HostStats } from '../report/events.js';
import type { UncertainEffect } from '../check/check-hooks.js';

export class HostState {
  /** set_fact values and registered results (precedence above play vars) */
  readonly facts: Record<string, unknown> = {};
  /** roles (roleKey) a task of which had a result on this host in the current play */
  readonly rolesRan = new Set<string>();
  /** include_vars values (below set_fact in precedence) */
  readonly includedVars: Record<string, unknown> = {};
  readonly stats: HostStats = emptyStats();
  /** handlers notified on this host and not yet run (cleared when a play starts) */
  readonly notified = new Set<TaskNode>();
  failed = false;
  unreachable = false;
  /** meta: end_host ended the current play for this host (not a failure; the next play runs it again) */
  endedPlay = false;
  /** facts that do not exist yet during --dry-run (registered by earlier tasks) */
  readonly pending = new Set<string>();
  /** check mode: earlier tasks whose effect is unknown or not carried forward (later failures may depend on them) */
  readonly uncertain: UncertainEffect[] = [];

  constructor(readonly name: string) {}

  get active(): boolean {
    return !this.failed && !this.unreachable && !this.endedPlay;
  }
}
