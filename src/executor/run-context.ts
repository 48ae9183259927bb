// State of one playbook run shared by the play, node and task runners (passed explicitly, never global).

import type { Inventory } from '../inventory/types.js';
import type { InheritableKeywords, Play, Playbook, TaskCommon, TaskNode } from '../loader/model.js';
import { INHERITED_FIELDS } from '../loader/keywords.js';
import type { ModuleDefinition } from '../modules/types.js';
import type { RunEvent } from '../report/events.js';
import type { Masker } from '../vars/secret.js';
import type { ConnectionPool } from './connections.js';
import type { HostState } from './host-state.js';
import type { RunOptions } from './options.js';
import type { ChainLink } from '../loader/include-chain.js';

export interface RunContext {
  readonly options: RunOptions;
  readonly playbook: Playbook;
  readonly inventory: Inventory;
  readonly modules: ReadonlyMap<string, ModuleDefinition>;
  readonly hosts: ReadonlyMap<string, HostState>;
  readonly pool: ConnectionPool;
  readonly masker: Masker;
  readonly mode: 'run' | 'check' | 'dry-run';
  /** set when the playbook must stop (max_fail_percentage exceeded): no further play runs */
  readonly flow: { ended?: string };
  emit(e: RunEvent): void;
}

/** Per-play state: the play, its hosts (all batches) and the current batch. */
export interface PlayContext {
  readonly run: RunContext;
  readonly play: Play;
  readonly playHosts: readonly string[];
  readonly batch: readonly string[];
  /** the play's vars_files as read for a host (their names may use its variables) */
  readonly varsFiles: (host: string) => Readonly<Record<string, unknown>>;
  /** handlers of roles include_role brought in at run time (shared by the play's batches) */
  readonly includedHandlers: TaskNode[];
  /** defaults and vars of every role used in the play (dependencies included), merged once */
  readonly roleVars: { readonly defaults: Readonly<Record<string, unknown>>; readonly vars: Readonly<Record<string, unknown>> };
}

/** The keywords a task inherits (declared `inherited` in loader/keywords.ts): the nearest scope that sets one wins. */
type InheritedKeywords = Omit<InheritableKeywords, 'environment'> & Pick<TaskCommon, 'role'>;

export interface Inherited extends InheritedKeywords {
  /** block and task vars, outermost first */
  readonly varsChain: readonly Readonly<Record<string, unknown>>[];
  /** every enclosing condition, ANDed */
  readonly when: readonly unknown[];
  readonly tags: readonly string[];
  /** `environment` of every enclosing level, outermost first (merged per variable, inner wins) */
  readonly environment?: readonly unknown[];
  readonly includeParams?: Readonly<Record<string, unknown>>;
  /** the include_tasks/include_role files this task is nested in (recursion depth limit) */
  readonly includeChain?: readonly ChainLink[];
  /** inside a block that has a rescue section: failures are handled there */
  readonly rescuable?: boolean;
}

export function inherit(parent: Inherited, node: TaskCommon & { readonly when: readonly unknown[] }): Inherited {
  const out: Record<string, unknown> = {
    varsChain: Object.keys(node.vars).length ? [...parent.varsChain, node.vars] : parent.varsChain,
    when: node.when.length ? [...parent.when, ...node.when] : parent.when,
    tags: node.tags.length ? [...parent.tags, ...node.tags] : parent.tags,
    environment: node.environment !== undefined ? [...(parent.environment ?? []), node.environment] : parent.environment,
    role: node.role ?? parent.role,
    includeParams: parent.includeParams,
    includeChain: parent.includeChain,
    rescuable: parent.rescuable,
  };
  const from = node as unknown as Record<string, unknown>;
  const up = parent as unknown as Record<string, unknown>;
  for (const f of INHERITED_FIELDS) if (f !== 'environment') out[f] = from[f] ?? up[f];
  return out as unknown as Inherited;
}

/** The play's own keywords as the scope its sections start from. */
export function playScope(play: Play): Inherited {
  return inherit({ varsChain: [], when: [], tags: [] }, { ...play, vars: {}, when: [] });
}
