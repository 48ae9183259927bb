// The shipped local demo (site.yml on inventories/local) in a temp copy: idempotent, and --check predicts exactly.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPlaybook } from '../../src/executor/run-playbook.js';
import type { RunOptions } from '../../src/executor/options.js';
import { hashTree, resultKeys } from './helpers.js';

const REPO = path.resolve(import.meta.dirname, '../..');

describe('engine: the shipped local demo (site.yml -i local)', function () {
  let dir: string;
  const run = (opts: Partial<RunOptions> = {}) => runPlaybook({ playbook: 'playbooks/site.yml', inventory: 'local', cwd: dir, ...opts });
  const hosts = () => hashTree(path.join(dir, '.esbplay-local'));

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'esbplay-demo-'));
    for (const d of ['playbooks', 'roles', 'inventories']) cpSync(path.join(REPO, d), path.join(dir, d), { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('first run configures every host, the second reports changed=0 everywhere and writes nothing', async () => {
    const first = await run();
    assert.equal(first.exitCode, 0);
    assert.deepEqual(Object.keys(first.stats).sort(), ['db1', 'lb1', 'mgr1', 'wrk1', 'wrk2']);
    for (const [h, s] of Object.entries(first.stats)) assert.ok(s.changed > 0, `${h} changed nothing on the first run`);
    const before = hosts();
    const second = await run();
    assert.equal(second.exitCode, 0);
    for (const [h, s] of Object.entries(second.stats)) assert.equal(s.changed, 0, `${h} changed on the second run`);
    assert.deepEqual(hosts(), before);
  });

  it('--check after an input change writes no byte and predicts exactly the tasks the real run changes', async () => {
    const extraVars = { esb_cluster_domain: 'wso2.esb.prod', esb_hostname: 'esb.example.org' };
    const before = hosts();
    const check = await run({ check: true, diff: true, extraVars });
    assert.equal(check.exitCode, 0);
    assert.deepEqual(hosts(), before, '--check changed a file');
    const predicted = resultKeys(check.events, 'changed');
    assert.ok(predicted.length >= 8, `expected changes on manager and workers, got ${predicted.join(', ')}`);
    const real = await run({ extraVars });
    assert.deepEqual(resultKeys(real.events, 'changed'), predicted);
    assert.notDeepEqual(hosts(), before);
  });

  it('the result is the guide\'s configuration (spot checks on the written files)', async () => {
    const { readFileSync } = await import('node:fs');
    const root = path.join(dir, '.esbplay-local');
    const axis2 = readFileSync(path.join(root, 'wrk2/opt/wso2esb-4.9.0/repository/conf/axis2/axis2.xml'), 'latin1');
    assert.match(axis2, /<parameter name="localMemberHost">127\.0\.10\.14<\/parameter>/);
    assert.match(axis2, /<parameter name="localMemberPort">4300<\/parameter>/);
    assert.match(axis2, /<property name="subDomain" value="worker"\/>/);
    assert.match(axis2, /<parameter name="WSDLEPRPrefix" locked="false">https:\/\/esb\.example\.org:443<\/parameter>/);
    const carbon = readFileSync(path.join(root, 'mgr1/opt/wso2esb-4.9.0/repository/conf/carbon.xml'), 'latin1');
    assert.match(carbon, /<MgtHostName>mgt\.esb\.wso2\.com<\/MgtHostName>/);
    assert.match(carbon, /<AutoCommit>true<\/AutoCommit>/);
    const nginx = readFileSync(path.join(root, 'lb1/etc/nginx/conf.d/esb.https.conf'), 'utf8');
    assert.match(nginx, /listen 443 ssl;/);
    assert.doesNotMatch(nginx, /ssl on;/);
    assert.match(nginx, /server 127\.0\.10\.13:8243;\n\s+server 127\.0\.10\.14:8243;/);
  });
});
