// Test harness for the operations modules: validate args, gather, plan, then apply like the executor would.

import { execFileSync } from 'node:child_process';
import type { Connection } from '../../src/connection/types.js';
import { LocalConnection } from '../../src/connection/local.js';
import { validateArgs } from '../../src/modules/args.js';
import type { ModuleDefinition, Plan, ReadContext } from '../../src/modules/types.js';

export interface RunOptions {
  readonly checkMode?: boolean;
  readonly conn?: Connection;
  /** controller directory searched by findFile (files/ and templates/ both map here) */
  readonly filesDir?: string;
}

export interface RunOutcome {
  readonly plan: Plan;
  /** plan.result merged with what custom changes returned */
  readonly result: Record<string, unknown>;
  readonly progress: string[];
  readonly applied: number;
}

export function makeReadContext(conn: Connection, opts: RunOptions, progress: string[]): ReadContext {
  return {
    host: conn.host,
    conn,
    checkMode: opts.checkMode ?? false,
    vars: {},
    findFile: (_kind, name) => (name.startsWith('/') || !opts.filesDir ? name : `${opts.filesDir}/${name}`),
    renderTemplate: (text) => text,
    progress: (m) => progress.push(m),
  };
}

/** validate -> gather -> plan -> apply (skipped in check mode); throws when a change fails. */
export async function runModule(def: ModuleDefinition, raw: Record<string, unknown>, opts: RunOptions = {}): Promise<RunOutcome> {
  const conn = opts.conn ?? new LocalConnection('testhost');
  const progress: string[] = [];
  const args = validateArgs(def, raw);
  const ctx = makeReadContext(conn, opts, progress);
  const current = await def.gather(ctx, args);
  const plan = def.plan(args, current, { host: conn.host, checkMode: ctx.checkMode, vars: {} });
  const result: Record<string, unknown> = { ...(plan.result ?? {}) };
  let applied = 0;
  if (!ctx.checkMode && !plan.failed) {
    for (const c of plan.changes) {
      if (c.kind === 'exec') {
        const r = await conn.exec(c.argv, c.opts);
        if (!(c.okCodes ?? [0]).includes(r.exitCode ?? -1)) throw new Error(`${c.summary}: '${r.command}' exited ${r.exitCode}: ${r.stderr}`);
      } else if (c.kind === 'custom') {
        Object.assign(result, (await c.apply({ host: conn.host, conn })) ?? {});
      } else throw new Error(`harness does not apply ${c.kind} changes`);
      applied++;
    }
  }
  return { plan, result, progress, applied };
}

/** True when a command exists on this machine. */
export function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Installs Debian packages when root and missing; returns false (caller skips) when that is impossible. */
export function ensureTools(tools: Record<string, string>): boolean {
  const missing = Object.entries(tools).filter(([tool]) => !hasTool(tool));
  if (missing.length === 0) return true;
  if (process.getuid?.() !== 0 || !hasTool('apt-get')) return false;
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...new Set(missing.map(([, pkg]) => pkg))], { stdio: 'ignore', timeout: 300_000 });
  } catch {
    return false;
  }
  return missing.every(([tool]) => hasTool(tool));
}
