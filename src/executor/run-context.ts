// State of one playbook run shared by the play, node and task runners (passed explicitly, never global).

import type { Inventory } from '../inventory/types.js';
import type { Play, Playbook, TaskCommon } from '../loader/model.js';
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
  emit(e: RunEvent): void;
}

/** Per-play state: the play, its hosts (all batches) and the current batch. */
export interface PlayContext {
  readonly run: RunContext;
  readonly play: Play;
  readonly playHosts: readonly string[];
  readonly batch: readonly string[];
  readonly varsFiles: Readonly<Record<string, unknown>>;
  /** defaults and vars of every role used in the play (dependencies included), merged once */
  readonly roleVars: { readonly defaults: Readonly<Record<string, unknown>>; readonly vars: Readonly<Record<string, unknown>> };
}

/** Keywords inherited from play -> block -> task, resolved for one task. */
/** The keywords a task inherits unchanged (the nearest scope that sets one wins). */
type InheritedKeywords = Pick<TaskCommon, 'become' | 'becomeUser' | 'ignoreErrors' | 'noLog' | 'checkMode' | 'diff' | 'runOnce' | 'delegateTo' | 'environment' | 'anyErrorsFatal' | 'throttle' | 'role'>;

export interface Inherited extends InheritedKeywords {
  /** block and task vars, outermost first */
  readonly varsChain: readonly Readonly<Record<string, unknown>>[];
  /** every enclosing condition, ANDed */
  readonly when: readonly unknown[];
  readonly tags: readonly string[];
  readonly includeParams?: Readonly<Record<string, unknown>>;
  /** the include_tasks/include_role files this task is nested in (recursion depth limit) */
  readonly includeChain?: readonly ChainLink[];
  /** inside a block that has a rescue section: failures are handled there */
  readonly rescuable?: boolean;
}

export function inherit(parent: Inherited, node: TaskCommon & { readonly when: readonly unknown[] }): Inherited {
  return {
    varsChain: Object.keys(node.vars).length ? [...parent.varsChain, node.vars] : parent.varsChain,
    when: node.when.length ? [...parent.when, ...node.when] : parent.when,
    tags: node.tags.length ? [...parent.tags, ...node.tags] : parent.tags,
    become: node.become ?? parent.become,
    becomeUser: node.becomeUser ?? parent.becomeUser,
    ignoreErrors: node.ignoreErrors ?? parent.ignoreErrors,
    noLog: node.noLog ?? parent.noLog,
    checkMode: node.checkMode ?? parent.checkMode,
    diff: node.diff ?? parent.diff,
    runOnce: node.runOnce ?? parent.runOnce,
    delegateTo: node.delegateTo ?? parent.delegateTo,
    environment: node.environment ?? parent.environment,
    anyErrorsFatal: node.anyErrorsFatal ?? parent.anyErrorsFatal,
    throttle: node.throttle ?? parent.throttle,
    role: node.role ?? parent.role,
    includeParams: parent.includeParams,
    includeChain: parent.includeChain,
    rescuable: parent.rescuable,
  };
}
