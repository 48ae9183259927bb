// The shipped roles on the local demo inventory, fresh hosts: --check --diff predicts the first run's JSON exactly.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { compareRunDocuments } from '../../src/check/compare-runs.js';
import { hashTree, keepStateIn } from '../engine/helpers.js';
import { buildStandin } from '../../standin/build/build-standin.mjs';

const REPO = path.resolve(import.meta.dirname, '../..');

async function runJson(dir: string, ...flags: string[]): Promise<{ code: number; doc: Record<string, unknown> }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let text = '';
  let errText = '';
  out.on('data', (d: Buffer) => (text += d.toString()));
  err.on('data', (d: Buffer) => (errText += d.toString()));
  {
    // no daemons: the configuration only (servers would be started on this machine's loopback)
    const code = await main(['run', path.join(dir, 'playbooks/site.yml'), '-i', path.join(dir, 'inventories/local'), '-e', 'esb_manage_service=false', '--diff', '--output', 'json', ...flags], { out: out as never, err: err as never });
    await new Promise((r) => setImmediate(r));
    assert.ok(text.trim().startsWith('{'), `exit ${code}, no JSON document; stderr: ${errText.slice(0, 1500)}`);
    return { code, doc: JSON.parse(text) as Record<string, unknown> };
  }
}

describe('check mode on the shipped roles (local demo inventory)', function () {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'esbplay-check-demo-'));
    for (const d of ['playbooks', 'roles', 'inventories', 'standin']) cpSync(path.join(REPO, d), path.join(dir, d), { recursive: true });
    keepStateIn(path.join(dir, 'inventories', 'local'), path.join(dir, 'state'));
    symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
    // the archives the local inventory installs from (a fresh clone has none yet; a run would build them with a command)
    buildStandin(path.join(dir, 'standin', 'dist'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('fresh hosts: --check exits 0, writes nothing, and every task, diff and changed count matches the first run', async () => {
    const hosts = () => hashTree(path.join(dir, '.esbplay-local'));
    const before = hosts();
    const check = await runJson(dir, '--check');
    assert.equal(check.code, 0, JSON.stringify(check.doc).slice(0, 2000));
    assert.deepEqual(hosts(), before, 'check mode wrote something');
    const run = await runJson(dir);
    assert.equal(run.code, 0);
    const cmp = compareRunDocuments(check.doc, run.doc);
    assert.deepEqual(cmp.mismatches, []);
    assert.deepEqual(cmp.unknown, []);
    assert.ok(cmp.compared > 50, `compared ${cmp.compared}`);
  });
});
