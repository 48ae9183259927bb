// Table-driven module tests: each YAML case (args, starting file, expected diff/noop/failure) becomes a mocha test.

import { strict as assert } from 'node:assert';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Mustache from 'mustache';
import { parse } from 'yaml';
import { LocalConnection } from '../../src/connection/local.js';
import { UserError } from '../../src/errors.js';
import { ArgError, validateArgs } from '../../src/modules/args.js';
import type { Change, ModuleDefinition, Plan, ReadContext } from '../../src/modules/types.js';
import { unifiedDiff } from '../../src/report/diff.js';

export interface ModuleCase {
  name: string;
  args: Record<string, unknown>;
  /** starting content of {file}; absent when missing or null */
  file?: string | null;
  /** name of {file} inside the temp dir (default target.txt) */
  fileName?: string;
  mode?: number;
  /** argv lists run before the case (placeholders substituted) */
  setup?: string[][];
  /** controller files: files/<name> and templates/<name> */
  files?: Record<string, string>;
  templates?: Record<string, string>;
  vars?: Record<string, unknown>;
  check?: boolean;
  // expectations (one of diff/noop/failed/argError/error, plus optional extras)
  diff?: string;
  noop?: string;
  failed?: string;
  argError?: string;
  error?: string;
  exec?: string[][];
  execDiff?: { before: string; after: string };
  /** opts of the first exec change (cwd, env, stdin) */
  execOpts?: Record<string, unknown>;
  result?: Record<string, unknown>;
  after?: string | null;
  afterMode?: number;
  /** contents of other files after applying ({dir}-relative placeholders allowed in the keys) */
  afterFiles?: Record<string, string>;
  /** properties the first file change must have (backup, validate, mode, sensitive...) */
  fileChange?: Record<string, unknown>;
  /** false for modules that always change (touch, command without creates) */
  idempotent?: boolean;
  /** false: check the plan only, do not apply it */
  apply?: boolean;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Loads test/modules/cases/<file> (YAML 1.1, so 0644 is octal) and defines one mocha test per case. */
export function defineCaseSuite(def: ModuleDefinition, file: string): void {
  const cases = parse(readFileSync(path.join(here, 'cases', file), 'utf8'), { version: '1.1' }) as ModuleCase[];
  describe(`${def.name} cases (${file})`, () => {
    for (const c of cases) it(c.name, () => runCase(def, c));
  });
}

interface Env {
  dir: string;
  file: string;
  conn: LocalConnection;
}

function substitute<T>(v: T, env: Env): T {
  if (typeof v === 'string') return v.replaceAll('{file}', env.file).replaceAll('{dir}', env.dir) as T;
  if (Array.isArray(v)) return v.map((x) => substitute(x, env)) as T;
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, env)])) as T;
  return v;
}

function makeContext(env: Env, c: ModuleCase): ReadContext {
  return {
    host: 'local',
    conn: env.conn,
    checkMode: c.check ?? false,
    vars: c.vars ?? {},
    findFile(kind, name) {
      const p = path.join(env.dir, 'controller', kind, name);
      if (!existsSync(p)) throw new UserError(`could not find '${name}' in ${kind}/`);
      return p;
    },
    renderTemplate(text) {
      return Mustache.render(text, c.vars ?? {}, {}, { escape: (s: string) => s });
    },
  };
}

async function prepare(c: ModuleCase): Promise<Env> {
  const dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-case-')));
  const env: Env = { dir, file: path.join(dir, c.fileName ?? 'target.txt'), conn: new LocalConnection('local') };
  if (c.file !== undefined && c.file !== null) {
    await fs.mkdir(path.dirname(env.file), { recursive: true });
    await fs.writeFile(env.file, c.file);
    if (c.mode !== undefined) await fs.chmod(env.file, c.mode);
  }
  for (const [kind, map] of [['files', c.files], ['templates', c.templates]] as const) {
    for (const [name, text] of Object.entries(map ?? {})) {
      const p = path.join(dir, 'controller', kind, name);
      await fs.mkdir(path.dirname(p), { recursive: true });
      await fs.writeFile(p, substitute(text, env));
    }
  }
  for (const argv of substitute(c.setup ?? [], env)) {
    const r = await env.conn.exec(argv);
    assert.equal(r.exitCode, 0, `setup ${argv.join(' ')} failed: ${r.stderr}`);
  }
  return env;
}

async function planOnce(def: ModuleDefinition, args: Record<string, unknown>, env: Env, c: ModuleCase): Promise<Plan> {
  const ctx = makeContext(env, c);
  const current = await def.gather(ctx, args);
  return def.plan(args, current, { host: 'local', checkMode: ctx.checkMode, vars: ctx.vars });
}

function fileDiffs(changes: readonly Change[]): string {
  return changes
    .map((ch) => (ch.kind === 'file' ? unifiedDiff(ch.before?.toString('utf8') ?? null, ch.after.toString('utf8'), ch.path) : ''))
    .join('');
}

async function applyChanges(changes: readonly Change[], env: Env): Promise<void> {
  for (const ch of changes) {
    if (ch.kind === 'file') await env.conn.writeFile(ch.path, ch.after, { mode: ch.mode, owner: ch.owner, group: ch.group });
    else if (ch.kind === 'exec') {
      const r = await env.conn.exec(ch.argv, ch.opts);
      assert.ok((ch.okCodes ?? [0]).includes(r.exitCode ?? -1), `${ch.argv.join(' ')} exited ${r.exitCode}: ${r.stderr}`);
    } else await ch.apply({ host: 'local', conn: env.conn });
  }
}

/** One case: validate args, gather + plan, compare with expectations, apply, re-plan for idempotency. */
export async function runCase(def: ModuleDefinition, c: ModuleCase): Promise<void> {
  const env = await prepare(c);
  try {
    let args: Record<string, unknown>;
    try {
      args = validateArgs(def, substitute(c.args, env));
    } catch (e) {
      if (c.argError !== undefined && e instanceof ArgError) return assert.match(e.message, new RegExp(escapeRe(substitute(c.argError, env))));
      throw e;
    }
    assert.equal(c.argError, undefined, `expected an argument error '${c.argError}'`);
    let plan: Plan;
    try {
      plan = await planOnce(def, args, env, c);
    } catch (e) {
      if (c.error !== undefined) return assert.ok((e as Error).message.includes(substitute(c.error, env)), `error '${(e as Error).message}' lacks '${c.error}'`);
      throw e;
    }
    assert.equal(c.error, undefined, `expected an error '${c.error}'`);
    if (c.failed !== undefined) {
      assert.ok(plan.failed?.includes(substitute(c.failed, env)), `expected failure '${c.failed}', got ${plan.failed ?? `no failure (${plan.changes.length} changes)`}`);
      return;
    }
    assert.equal(plan.failed, undefined, `unexpected failure: ${plan.failed}`);
    if (c.noop !== undefined) {
      assert.deepEqual(plan.changes.map(describeChange), [], 'expected no changes');
      assert.ok(plan.noopReason?.includes(substitute(c.noop, env)), `noop reason '${plan.noopReason}' lacks '${c.noop}'`);
    }
    if (c.diff !== undefined) assert.equal(fileDiffs(plan.changes), substitute(c.diff, env));
    if (c.exec !== undefined) assert.deepEqual(plan.changes.filter((ch) => ch.kind === 'exec').map((ch) => ch.argv), substitute(c.exec, env));
    if (c.execDiff !== undefined) {
      const first = plan.changes.find((ch) => ch.kind === 'exec' && ch.diff);
      assert.deepEqual(first?.kind === 'exec' ? first.diff : undefined, substitute(c.execDiff, env));
    }
    if (c.execOpts !== undefined) {
      const first = plan.changes.find((ch) => ch.kind === 'exec');
      assert.deepEqual(first?.kind === 'exec' ? first.opts : undefined, substitute(c.execOpts, env));
    }
    if (c.fileChange !== undefined) {
      const fc = plan.changes.find((ch) => ch.kind === 'file') as Record<string, unknown> | undefined;
      assert.ok(fc, 'expected a file change');
      for (const [k, v] of Object.entries(c.fileChange)) assert.deepEqual(fc[k], substitute(v, env), `file change .${k}`);
    }
    for (const [k, v] of Object.entries(c.result ?? {})) assert.deepEqual(plan.result?.[k], substitute(v, env), `result.${k}`);
    if (plan.changes.length === 0 || c.apply === false) return;
    await applyChanges(plan.changes, env);
    if (c.after !== undefined) {
      const now = await env.conn.readFile(env.file);
      assert.equal(now?.toString('utf8') ?? null, c.after, 'content after applying');
    }
    for (const [p, text] of Object.entries(c.afterFiles ?? {})) {
      assert.equal((await env.conn.readFile(substitute(p, env)))?.toString('utf8'), text, `content of ${p} after applying`);
    }
    if (c.afterMode !== undefined) assert.equal((await env.conn.stat(env.file)).mode, c.afterMode, 'mode after applying');
    if (c.idempotent === false) return;
    const again = await planOnce(def, args, env, c);
    assert.deepEqual(again.changes.map(describeChange), [], 'second run should change nothing (idempotency)');
    assert.ok(again.noopReason, 'a no-op plan must say why');
  } finally {
    await fs.rm(env.dir, { recursive: true, force: true });
  }
}

function describeChange(ch: Change): string {
  return ch.kind === 'exec' ? `exec ${ch.argv.join(' ')}` : ch.kind === 'file' ? `file ${ch.path}` : `custom ${ch.summary}`;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
