// Test helpers for the xml module: fixture copies in temp dirs, validate -> gather -> plan -> apply, readable diffs.

import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { structuredPatch } from 'diff';
import { LocalConnection } from '../../src/connection/local.js';
import { validateArgs } from '../../src/modules/args.js';
import type { ModuleDefinition, Plan, ReadContext } from '../../src/modules/types.js';
import { xmlModule } from '../../src/modules/xml.js';
import { STOCK_FILES } from '../stock-files.js';

export const FIXTURES = STOCK_FILES;

/** The 12 XML fixture files (relative to FIXTURES); dbscripts/mysql.sql is SQL, not XML. */
export const XML_FIXTURES = ['4.9.0', '5.0.0'].flatMap((v) =>
  ['axis2/axis2.xml', 'carbon.xml', 'datasources/master-datasources.xml', 'etc/tasks-config.xml', 'registry.xml', 'tomcat/catalina-server.xml'].map(
    (f) => `${v}/repository/conf/${f}`,
  ),
);

/** Temp dirs the xml tests made; removed when the run ends (a root hook), so no test leaves one behind. */
const tempDirs: string[] = [];
after(async () => {
  await Promise.all(tempDirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

/** A fresh temp dir, removed after the run. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Copies a fixture into a fresh temp dir and returns the copy's path. */
export async function copyFixture(rel: string): Promise<string> {
  const dir = await tempDir('esbplay-xml-');
  const dest = path.join(dir, path.basename(rel));
  await fs.copyFile(path.join(FIXTURES, rel), dest);
  await fs.chmod(dest, 0o644);
  return dest;
}

export const conn = new LocalConnection('test');

function readContext(checkMode: boolean): ReadContext {
  return {
    host: 'test',
    conn,
    checkMode,
    vars: {},
    findFile: () => {
      throw new Error('not used');
    },
    renderTemplate: () => {
      throw new Error('not used');
    },
  };
}

/** validateArgs -> gather -> plan, like the executor (nothing is written). */
export async function planXml(raw: Record<string, unknown>, checkMode = false): Promise<Plan> {
  const def: ModuleDefinition = xmlModule;
  const args = validateArgs(def, raw);
  const current = await def.gather(readContext(checkMode), args);
  return def.plan(args, current, { host: 'test', checkMode, vars: {} });
}

/** Applies the plan's file changes the way the executor does (atomic write). */
export async function applyPlan(plan: Plan): Promise<void> {
  for (const c of plan.changes) {
    if (c.kind !== 'file') throw new Error(`unexpected ${c.kind} change`);
    await conn.writeFile(c.path, c.after, { mode: c.mode });
  }
}

/** Plans and applies; returns the plan. */
export async function runXml(raw: Record<string, unknown>): Promise<Plan> {
  const plan = await planXml(raw);
  if (!plan.failed) await applyPlan(plan);
  return plan;
}

/** Unified-diff hunks (no headers) of two byte versions, decoded byte-wise; a CR shows as '␍'. */
export function renderDiff(before: Buffer, after: Buffer): string {
  const show = (b: Buffer) => b.toString('latin1').replaceAll('\r', '␍');
  const p = structuredPatch('a', 'b', show(before), show(after), undefined, undefined, { context: 3 });
  return p.hunks
    .map((h) => `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n${h.lines.join('\n')}\n`)
    .join('');
}

/** `diff -U0 a b | grep -c '^[-+][^-+]'`: changed lines, counted by the real diff tool. */
export async function countChangedLines(before: Buffer, after: Buffer): Promise<number> {
  const dir = await tempDir('esbplay-diff-');
  await fs.writeFile(path.join(dir, 'a'), before);
  await fs.writeFile(path.join(dir, 'b'), after);
  const r = spawnSync('diff', ['-U0', path.join(dir, 'a'), path.join(dir, 'b')], { encoding: 'latin1' });
  return r.stdout.split('\n').filter((l) => /^[-+][^-+]/.test(l)).length;
}

/** True when xmllint (libxml2-utils) is installed. */
export function hasXmllint(): boolean {
  return spawnSync('xmllint', ['--version']).status === 0;
}

/** Runs `xmllint --noout` on bytes; returns '' when well-formed, else its complaint. */
export async function xmllint(bytes: Buffer): Promise<string> {
  const dir = await tempDir('esbplay-lint-');
  const f = path.join(dir, 'doc.xml');
  await fs.writeFile(f, bytes);
  try {
    execFileSync('xmllint', ['--noout', f], { stdio: ['ignore', 'ignore', 'pipe'] });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
}
