// esbplay's public API: run playbooks, load them, the event and module types, the errors.

export { runPlaybook, loadRun, exitCodeOf, type RunResult } from './executor/run-playbook.js';
export type { RunOptions } from './executor/options.js';
export type { CommandLineValues } from './executor/command-line-values.js';
export { loadPlaybook } from './loader/playbook.js';
export { loadInventory, selectHosts } from './inventory/index.js';
export type { Inventory } from './inventory/types.js';
export type { Playbook, Play, TaskNode, BlockNode, Role } from './loader/model.js';
export type { RunEvent, HostResultEvent, PlanEvent, HostStats, HostStatus, TaskRef, ResultDiff } from './report/events.js';
export type { ModuleDefinition, ModuleSchema, ArgSpec, Plan, Change, ReadContext } from './modules/types.js';
export { builtinModules } from './modules/registry.js';
export type { Connection, ConnectionSpec, CommandResult, ExecOptions, FileStat } from './connection/types.js';
export { EsbplayError, UserError, TaskFailure, UnreachableError, ExitCode, type SourceLoc } from './errors.js';
export { Secret, Masker, isSecretName } from './vars/secret.js';
export { VaultKeyring, type VaultSecretEntry } from './vault/keyring.js';
export { buildKeyring, type VaultOptions } from './vault/password-sources.js';
export { secretForms } from './report/secret-forms.js';
export { ConsoleReporter } from './report/console-reporter.js';
export { JsonReporter } from './report/json-reporter.js';
export { JsonlReporter } from './report/jsonl-reporter.js';
export type {
  JsonlEvent,
  JsonlTask,
  JsonlHostStats,
  JsonlHostStatus,
  JsonlPlaybookStart,
  JsonlPlayStart,
  JsonlTaskStart,
  JsonlHandlerStart,
  JsonlDiff,
  JsonlHostResult,
  JsonlTaskPlan,
  JsonlProgress,
  JsonlWarning,
  JsonlNoHosts,
  JsonlPlayAborted,
  JsonlInterrupted,
  JsonlRecap,
  JsonlPlaybookEnd,
} from './report/jsonl-events.js';
export { allSchemas as editorSchemas } from './schema/playbook-schemas.js';
export { main } from './cli/main.js';
