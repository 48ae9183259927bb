// Table-driven xml module cases: fixture + task args -> expected unified diff (or failure), each run twice.

import { strict as assert } from 'node:assert';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { DOMParser } from '@xmldom/xmldom';
import { applyPlan, copyFixture, hasXmllint, planXml, renderDiff, xmllint } from './xml-harness.js';

export interface XmlCase {
  name: string;
  /** fixture path relative to standin/wso2-esb (the stock files, test/stock-files.ts) */
  file: string;
  /** module args without `path` */
  args: Record<string, unknown>;
  /** expected hunks ('' = no byte changes) */
  diff?: string;
  /** substring of the expected failure message */
  failed?: string;
  /** entries expected in the plan's result */
  result?: Record<string, unknown>;
}

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');
const lint = hasXmllint();

for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
  const cases = parse(readFileSync(path.join(dir, name), 'utf8')) as XmlCase[];
  describe(`xml cases: ${name}`, () => {
    for (const c of cases) it(c.name, () => runCase(c));
  });
}

async function runCase(c: XmlCase): Promise<void> {
  const file = await copyFixture(c.file);
  const before = await fs.readFile(file);
  const args = { path: file, ...c.args };
  const plan = await planXml(args);
  if (c.failed !== undefined) {
    assert.ok(plan.failed, `expected a failure containing '${c.failed}', got ${plan.changes.length} change(s)`);
    assert.ok(plan.failed.includes(c.failed), `failure message:\n${plan.failed}\ndoes not contain:\n${c.failed}`);
    assert.ok(plan.failed.includes(file) || plan.failed.startsWith('xml:'), `message should name the file: ${plan.failed}`);
    assert.equal(plan.changes.length, 0);
    return;
  }
  assert.equal(plan.failed, undefined, `unexpected failure: ${plan.failed}`);
  for (const [k, v] of Object.entries(c.result ?? {})) assert.deepEqual(plan.result?.[k], v, `result.${k}`);
  const change = plan.changes[0];
  if (!c.diff) {
    assert.equal(plan.changes.length, 0, 'expected no change');
    assert.ok(plan.noopReason, 'a no-op says why');
    return;
  }
  assert.ok(change && change.kind === 'file', 'expected one file change');
  assert.equal(renderDiff(before, change.after), c.diff);
  await applyPlan(plan);
  const after = await fs.readFile(file);
  assert.ok(after.equals(change.after));
  const problems: string[] = [];
  new DOMParser({ onError: (level, msg) => void (level !== 'warning' && problems.push(msg)) }).parseFromString(after.toString('latin1'), 'text/xml');
  assert.deepEqual(problems, [], 'result parses with xmldom');
  if (lint) assert.equal(await xmllint(after), '', 'result passes xmllint --noout');
  const again = await planXml(args);
  assert.equal(again.failed, undefined);
  assert.equal(again.changes.length, 0, `second run must not change anything, got:\n${again.changes[0]?.kind === 'file' ? renderDiff(after, again.changes[0].after) : ''}`);
}
