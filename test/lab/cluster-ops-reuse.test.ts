// The roles reused for a second Carbon 4.4 product by variables alone (docs/reuse.md): a pack laid out as wso2am-2.1.0 through site.yml and verify.yml on the cluster lab, the ESB-only edits off.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ClusterLab } from './cluster-lab.js';
import { explain, nodePid, nodeProcess, openSiteLab, runPlaybookPlain, type SiteLab } from './cluster-site-kit.js';
import { standinArchives } from '../standin/standin-node.js';

const run = promisify(execFile);
const PRODUCT = 'wso2am-2.1.0';
const HOME = `/opt/${PRODUCT}`;

/** The product variables of docs/reuse.md's example inventory (group_vars/all.yml), in place of the lab's esb_version line. */
const PRODUCT_VARS = [
  'esb_product: wso2am',
  'esb_version: 2.1.0',
  'esb_edit_clustering_pattern: false',
  'esb_worker_wsdl_epr_prefix_http: ""',
  'esb_worker_wsdl_epr_prefix_https: ""',
  'esb_proxy_services: []',
].join('\n');

/**
 * No stand-in pack of a second product exists yet (docs/reuse.md): the ESB 4.9.0 stand-in repacked
 * under the second product's top directory, without the ESB-only synapse-configs tree. It proves the
 * role side (names, paths, the table script from the product's own archive, ESB-only edits off).
 */
async function derivePack(dir: string): Promise<string> {
  const esb = (await standinArchives()).tarGz['4.9.0'];
  const work = path.join(dir, 'derive');
  await fs.mkdir(work, { recursive: true });
  await run('tar', ['-xzf', esb, '-C', work]);
  await fs.rename(path.join(work, 'wso2esb-4.9.0'), path.join(work, PRODUCT));
  await fs.rm(path.join(work, PRODUCT, 'repository/deployment/server/synapse-configs'), { recursive: true, force: true });
  const out = path.join(dir, `${PRODUCT}.tar.gz`);
  await run('tar', ['-czf', out, '-C', work, PRODUCT]);
  await fs.rm(work, { recursive: true, force: true });
  return out;
}

describe('cluster lab: the same roles for a second Carbon 4.4 product (variables only)', function () {
  this.timeout(900_000);
  let site: SiteLab;
  let lab: ClusterLab;
  const nodes = ['mgr', 'wrk1', 'wrk2'];

  before(async function () {
    site = await openSiteLab(this, 2);
    lab = site.lab;
    site.archives = { ...site.archives, zip: await derivePack(lab.dir) };
    const vars = path.join(site.inventory, 'group_vars', 'all.yml');
    const text = await fs.readFile(vars, 'utf8');
    assert.match(text, /^esb_version: 4\.9\.0$/m);
    await fs.writeFile(vars, text.replace(/^esb_version: 4\.9\.0$/m, PRODUCT_VARS));
  });
  after(async () => {
    await lab?.stop();
  });

  it('site.yml converges it: the product home, its own table script, no ESB-only edit; verify.yml passes; a rerun changes nothing', async () => {
    const r = await site.run('site.yml');
    assert.equal(r.code, 0, explain(r));
    for (const h of nodes) {
      assert.ok(existsSync(lab.path(h, HOME)), `${h}: ${HOME}`);
      assert.ok(!existsSync(lab.path(h, '/opt/wso2esb-4.9.0')), `${h}: no ESB home`);
      assert.match(await nodeProcess(lab, h, await nodePid(lab, h, HOME)), new RegExp(`-Dcarbon\\.home=${HOME.replace(/\./g, '\\.')}`));
      const axis2 = await fs.readFile(lab.path(h, `${HOME}/repository/conf/axis2/axis2.xml`), 'utf8');
      assert.match(axis2, /<clustering class="org\.wso2\.carbon\.core\.clustering\.hazelcast\.HazelcastClusteringAgent"\s+enable="true">/);
      assert.doesNotMatch(axis2, /<parameter name="clusteringPattern"/, `${h}: no clusteringPattern`);
      assert.doesNotMatch(axis2, /<parameter name="WSDLEPRPrefix"/, `${h}: no WSDLEPRPrefix`);
      assert.ok(!existsSync(lab.path(h, `${HOME}/repository/deployment/server/synapse-configs`)), `${h}: no proxy service deployed`);
    }
    assert.ok(
      existsSync(lab.path('db', `/opt/esbplay/dbscripts/${PRODUCT}/dbscripts/mysql.sql`)),
      'the table script unpacked from the product archive',
    );
    assert.ok(!existsSync(lab.path('db', '/opt/esbplay/dbscripts/wso2esb-4.9.0')));
    const v = await site.run('verify.yml');
    assert.equal(v.code, 0, explain(v));
    const table = JSON.stringify(v.json);
    assert.match(table, /WSO2_SHARED_DB, WSO2_UM_DB: 39 \+ 39 tables, complete/);
    const again = await site.run('site.yml');
    assert.ok(
      Object.values(again.json.stats).every((s) => (s.changed ?? 0) === 0),
      'the rerun changes nothing',
    );
  });

  it('the clusteringPattern edit is off by its variable, also for a product version >= 5.0.0 (where the ESB would get it)', async () => {
    const plan = async (...e: string[]) =>
      (await runPlaybookPlain(site.inventory, site.archives, 'site.yml', '--dry-run', '--limit', 'wrk1', '-e', 'esb_version=5.3.0', ...e))
        .out;
    const off = await plan();
    assert.match(off, /TASK \[scheduled-tasks : axis2\.xml clusteringPattern\][^\n]*\nskip: \[wrk1\] when: esb_edit_clustering_pattern/);
    const on = await plan('-e', 'esb_edit_clustering_pattern=true');
    assert.match(on, /TASK \[scheduled-tasks : axis2\.xml clusteringPattern\][^\n]*\nrun: \[wrk1\] xml \{[^\n]*clusteringPattern/);
  });
});
