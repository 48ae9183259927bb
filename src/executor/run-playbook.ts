// Runs a playbook end to end: load, preflight (a silent dry-run that touches no host), run, report.

import path from 'node:path';
import { loadInventory } from '../inventory/index.js';
import { loadPlaybook } from '../loader/playbook.js';
import type { Node, Playbook, TaskNode } from '../loader/model.js';
import { errorAtLoc } from '../loader/yaml.js';
import { buildRegistry } from '../modules/registry.js';
import { checkInventoryTrust, makeHostOpener } from './open-host.js';
import { checkLimit } from './limit-check.js';
import { Interrupted, interruptExitCode } from './interrupt.js';
import { ExitCode } from '../errors.js';
import type { HostStats, RunEvent } from '../report/events.js';
import { Masker, withMasker } from '../vars/secret.js';
import { maskEvent } from '../report/mask-event.js';
import { maskError } from '../report/mask-error.js';
import { registerNamedSecrets } from '../report/named-secrets.js';
import { currentKeyring, withVaultKeyring } from '../vault/scope.js';
import type { TaskRef } from '../report/events.js';
import { ConnectionPool } from './connections.js';
import { unknownNotifies } from './handlers.js';
import { HostState } from './host-state.js';
import type { RunOptions } from './options.js';
import { runPlay } from './play-runner.js';
import type { RunContext } from './run-context.js';
import type { Inventory } from '../inventory/types.js';
import type { ModuleDefinition } from '../modules/types.js';

export interface RunResult {
  readonly exitCode: number;
  readonly stats: Readonly<Record<string, HostStats>>;
  readonly events: readonly RunEvent[];
  readonly durationMs: number;
}

/** Loads and checks everything a run needs; throws UserError (exit 5) on bad input. */
export function loadRun(options: RunOptions): { playbook: Playbook; inventory: Inventory; modules: Map<string, ModuleDefinition> } {
  const cwd = options.cwd ?? process.cwd();
  const modules = buildRegistry(options.modules);
  const inventory = loadInventory(options.inventory, { cwd, playbookDir: path.dirname(path.resolve(cwd, options.playbook)) });
  checkLimit(options, inventory);
  const playbook = loadPlaybook(options.playbook, { moduleNames: new Set(modules.keys()), cwd, env: options.env });
  for (const play of playbook.plays) checkNotifies(play.handlers, [...play.preTasks, ...play.roleTasks, ...play.tasks, ...play.postTasks, ...play.handlers]);
  return { playbook, inventory, modules };
}

function checkNotifies(handlers: readonly TaskNode[], nodes: readonly Node[]): void {
  for (const n of nodes) {
    if (n.kind === 'block') checkNotifies(handlers, [...n.block, ...n.rescue, ...n.always]);
    else {
      const bad = unknownNotifies(handlers, n.notify);
      if (bad.length > 0) throw errorAtLoc(`task notifies '${bad[0]}' but the play has no handler with that name or listen topic`, n.notifyLoc ?? n.loc);
    }
  }
}

/**
 * Runs inside the run's vault keyring and masker scopes: every Secret made while loading or
 * rendering registers with the masker, every event is masked before anyone sees it, and an error
 * leaving the run is masked too.
 */
export async function runPlaybook(options: RunOptions): Promise<RunResult> {
  const masker = new Masker();
  masker.collect(options.extraVars);
  masker.collect(options.commandLine); // -K: the become password
  try {
    return await withVaultKeyring(options.vault ?? currentKeyring(), () =>
      withMasker(masker, () => runMasked(options, masker), { secretNames: options.maskSecretNames !== false }),
    );
  } catch (e) {
    throw maskError(e, masker);
  }
}

async function runMasked(options: RunOptions, masker: Masker): Promise<RunResult> {
  const started = Date.now();
  const events: RunEvent[] = [];
  const refs = new WeakMap<TaskRef, TaskRef>();
  const emit = (raw: RunEvent) => {
    const masked = maskEvent(raw, masker, refs);
    // diffs are always made and masked (a rotated old secret is found, and then hidden everywhere, through
    // them); only --diff keeps them: a before, an after and a unified diff of every changed file of
    // every host held most of a first converge's memory
    const e = !options.diff && masked.type === 'host_result' && masked.diffs.length > 0 ? { ...masked, diffs: [] } : masked;
    events.push(e);
    options.onEvent?.(e);
  };
  const { playbook, inventory, modules } = loadRun(options);
  const mode = options.dryRun ? 'dry-run' : options.check ? 'check' : 'run';
  for (const w of inventory.warnings) emit({ type: 'warning', message: w });
  if (mode !== 'dry-run') checkInventoryTrust(inventory);
  for (const h of inventory.hosts) masker.collect(inventory.hostVars(h));
  if (options.maskSecretNames !== false) registerNamedSecrets(masker, playbook, inventory, options.extraVars);
  // preflight: the whole plan is rendered and validated before any host is touched
  if (mode !== 'dry-run') await executePlays(makeContext(options, playbook, inventory, modules, masker, 'dry-run', () => undefined));
  emit({ type: 'playbook_start', file: playbook.file, mode });
  const ctx = makeContext(options, playbook, inventory, modules, masker, mode, emit);
  options.interrupt?.onRequest(() => void ctx.pool.interruptAll());
  options.interrupt?.onForce(() => ctx.pool.killNow());
  try {
    await executePlays(ctx);
  } catch (e) {
    if (!(e instanceof Interrupted)) throw e;
  } finally {
    await ctx.pool.closeAll();
  }
  const interrupted = options.interrupt?.signal;
  if (interrupted) emit({ type: 'interrupted', signal: interrupted });
  const stats: Record<string, HostStats> = {};
  for (const [h, st] of ctx.hosts) if (touched(st)) stats[h] = st.stats;
  emit({ type: 'recap', stats });
  const exitCode = interrupted ? interruptExitCode(interrupted) : exitCodeOf(stats);
  const durationMs = Date.now() - started;
  emit({ type: 'playbook_end', exitCode, durationMs });
  return { exitCode, stats, events, durationMs };
}

function touched(st: HostState): boolean {
  const s = st.stats;
  return s.ok + s.changed + s.failed + s.skipped + s.unreachable + s.rescued + s.ignored > 0;
}

export function exitCodeOf(stats: Readonly<Record<string, HostStats>>): number {
  const all = Object.values(stats);
  if (all.some((s) => s.unreachable > 0)) return ExitCode.hostUnreachable;
  if (all.some((s) => s.failed > 0)) return ExitCode.hostFailed;
  return ExitCode.ok;
}

function makeContext(options: RunOptions, playbook: Playbook, inventory: Inventory, modules: Map<string, ModuleDefinition>, masker: Masker, mode: RunContext['mode'], emit: (e: RunEvent) => void): RunContext {
  const hosts = new Map<string, HostState>();
  for (const h of inventory.hosts) hosts.set(h, new HostState(h));
  for (const h of ['localhost', '127.0.0.1', '::1']) if (!hosts.has(h)) hosts.set(h, new HostState(h));
  const pool = new ConnectionPool(makeHostOpener(options, inventory, emit));
  return { options, playbook, inventory, modules, hosts, pool, masker, mode, emit, flow: {} };
}

async function executePlays(ctx: RunContext): Promise<void> {
  for (const play of ctx.playbook.plays) await runPlay(ctx, play);
}
