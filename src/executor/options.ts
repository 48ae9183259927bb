// Options of one run, shared by the CLI and the library API.

import type { EventListener, TaskRef } from '../report/events.js';
import type { CommandLineValues } from './command-line-values.js';
import type { ModuleDefinition } from '../modules/types.js';
import type { RunInterrupt } from './interrupt.js';
import type { VaultKeyring } from '../vault/keyring.js';

export interface RunOptions {
  /** playbook file (relative to cwd) */
  readonly playbook: string;
  /** inventory name (inventories/<name>/), directory or file */
  readonly inventory: string;
  readonly cwd?: string;
  /** --check: connect, gather, plan, report; change nothing */
  readonly check?: boolean;
  /** --dry-run: touch no host; load, validate, render and report the plan */
  readonly dryRun?: boolean;
  /** --diff: report unified diffs of file changes */
  readonly diff?: boolean;
  readonly limit?: string;
  readonly tags?: readonly string[];
  readonly skipTags?: readonly string[];
  /** -e: highest precedence variables */
  readonly extraVars?: Readonly<Record<string, unknown>>;
  /** hosts worked on at once (default 64) */
  readonly forks?: number;
  readonly forceHandlers?: boolean;
  readonly verbosity?: number;
  readonly knownHostsFile?: string;
  readonly acceptNewHostKeys?: boolean;
  /** progress and results as typed events */
  readonly onEvent?: EventListener;
  /** extra or replacement modules (library users) */
  readonly modules?: Readonly<Record<string, ModuleDefinition>>;
  readonly env?: NodeJS.ProcessEnv;
  /** a request to stop (the CLI's SIGINT/SIGTERM): no new task starts, running work ends, the recap comes, exit 130/143 */
  readonly interrupt?: RunInterrupt;
  /** vault passwords for `!vault` values and vault-encrypted files (default: none, or the caller's scope) */
  readonly vault?: VaultKeyring;
  /** false: variables with secret-looking names (docs/vault.md) are not masked unless marked (default true) */
  readonly maskSecretNames?: boolean;
  /** -u, --private-key, -c, -T, -b, --become-user, -K: below every variable and keyword (Ansible's "command line values") */
  readonly commandLine?: CommandLineValues;
  /** esbplay.cfg / ESBPLAY_HOST_KEY_CHECKING: the operator's default when the inventory sets no ansible_host_key_checking */
  readonly hostKeyChecking?: boolean;
  /** asked before each task starts (not in --dry-run or the preflight): false skips it on every host (--start-at-task, --step) */
  readonly taskGate?: (task: TaskRef) => Promise<boolean> | boolean;
}

export const DEFAULT_FORKS = 64;
