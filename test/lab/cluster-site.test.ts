// The main job on the cluster lab: site.yml turns 5 plain Debian hosts into the ESB cluster, verify.yml proves it, reruns change nothing, a change rolls.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { startClusterLab, type ClusterLab } from './cluster-lab.js';
import { requireClusterLab } from './cluster-base.js';
import { keysWithStatus } from './lab-playbook.js';
import {
  explain, handlerHosts, logTimes, MGT_HOST, nodeLog, nodePid, nodeProcess, runPlaybook, spread, waitForCertificate, startPoller, tasksOf,
  type LbTarget, type TimedRun,
} from './cluster-site-kit.js';
import { standinArchives } from '../standin/standin-node.js';

const NODES = ['mgr', 'wrk1', 'wrk2'];
const WORKERS = ['wrk1', 'wrk2'];

describe('cluster lab: site.yml builds the WSO2 ESB cluster from plain hosts, verify.yml proves it', function () {
  this.timeout(600_000);
  let lab: ClusterLab;
  let inventory: string;
  let archives: { zip: string; jdk: string };
  let lb: LbTarget;
  let clients: string[];
  const site = (...rest: string[]) => runPlaybook(inventory, archives, 'site.yml', ...rest);
  const verify = (...rest: string[]) => runPlaybook(inventory, archives, 'verify.yml', ...rest);
  const pids = async () => Object.fromEntries(await Promise.all(NODES.map(async (h) => [h, await nodePid(lab, h)] as const)));
  const figures: string[] = [];
  const measure = (what: string, r: TimedRun) => figures.push(`${what}: ${(r.ms / 1000).toFixed(1)} s, ${tasksOf(r)} tasks`);

  before(async function () {
    requireClusterLab(this);
    const a = await standinArchives();
    archives = { zip: a.zip['4.9.0'], jdk: a.jdk };
    lab = await startClusterLab({ workers: 2 });
    inventory = await lab.inventoryDir();
    clients = Array.from({ length: 24 }, (_, i) => `127.10.${lab.net}.${200 + i}`);
  });
  after(async () => {
    if (figures.length) console.log(`    (lab figures: ${figures.join('; ')})`);
    await lab?.stop();
  });

  it('first run: every node runs as wso2 in its role, joined the other two, and nginx reaches both workers', async () => {
    const r = await site();
    measure('site.yml first run', r);
    assert.equal(r.code, 0, explain(r));
    lb = { address: lab.host('lb').address, ca: await fs.readFile(lab.path('lb', '/etc/nginx/ssl/wrk.crt'), 'utf8') };
    for (const h of NODES) {
      const ps = await nodeProcess(lab, h, await nodePid(lab, h));
      assert.match(ps, /^wso2 +\/opt\/standin-jdk1\.8\.0\/bin\/java .*org\.wso2\.carbon\.bootstrap\.Bootstrap/, `${h}: ${ps}`);
      const args = ps.split('org.wso2.carbon.bootstrap.Bootstrap')[1]!;
      if (h === 'mgr') assert.doesNotMatch(args, /-DworkerNode=true/);
      else assert.match(args, /-DworkerNode=true/, `${h} is started as a worker`);
      const log = await nodeLog(lab, h);
      for (const other of NODES.filter((o) => o !== h)) {
        assert.match(log, new RegExp(`Member joined \\[[^\\]]+\\]: /${lab.host(other).address.replace(/\./g, '\\.')}:4100`), `${h} saw ${other} join`);
      }
      assert.match(log, h === 'mgr' ? /Mgt Console URL/ : /WSO2 Carbon started/);
    }
    const mgrConsole = await lab.exec('mgr', ['curl', '-sk', '-o', '/dev/null', '-w', '%{http_code}', `https://${lab.host('mgr').address}:9443/carbon/`]);
    assert.equal(mgrConsole.stdout, '200', 'the manager serves its console');
    for (const w of WORKERS) {
      const c = await lab.exec(w, ['curl', '-sk', '-o', '/dev/null', '-w', '%{http_code}', `https://${lab.host(w).address}:9443/carbon/`]);
      assert.equal(c.stdout, '404', `${w} serves no console`);
    }
    const counts = await spread(lb, clients);
    for (const w of WORKERS) {
      assert.ok((counts.http[lab.host(w).address] ?? 0) > 0, `HTTP through nginx reached ${w}: ${JSON.stringify(counts)}`);
      assert.ok((counts.https[lab.host(w).address] ?? 0) > 0, `HTTPS through nginx reached ${w}: ${JSON.stringify(counts)}`);
    }
  });

  it('verify.yml passes and prints the table', async () => {
    const r = await verify();
    measure('verify.yml', r);
    assert.equal(r.code, 0, explain(r));
    const table = JSON.stringify(r.json);
    assert.match(table, new RegExp(`https://${MGT_HOST.replace(/\./g, '\\.')}/carbon/ answers`));
    assert.match(table, /WSO2_SHARED_DB, WSO2_UM_DB: 39 \+ 39 tables, complete/);
  });

  it('second run reports changed=0 and restarts nothing (same pids)', async () => {
    const before = await pids();
    const r = await site();
    measure('site.yml rerun', r);
    assert.equal(r.code, 0, explain(r));
    assert.deepEqual(Object.fromEntries(Object.entries(r.json.stats).map(([h, s]) => [h, s.changed])), { lb: 0, db: 0, mgr: 0, wrk1: 0, wrk2: 0 });
    assert.deepEqual(handlerHosts(r, 'restart carbon'), []);
    assert.deepEqual(await pids(), before);
  });

  it('a change on the workers restarts them one at a time while requests through nginx never fail; verify.yml passes after', async () => {
    const before = await pids();
    const poller = startPoller(lb, clients);
    await new Promise((r) => setTimeout(r, 1000));
    const r = await site('-e', 'esb_worker_wsdl_epr_prefix_http=http://esb.example.org:80');
    await new Promise((r) => setTimeout(r, 1000));
    const polled = await poller.stop();
    measure('site.yml with a worker change', r);
    assert.equal(r.code, 0, explain(r));
    assert.deepEqual(keysWithStatus(r.json, 'changed').filter((k) => k.includes('restart carbon')), ['wrk1|restart carbon', 'wrk2|restart carbon']);
    const after = await pids();
    assert.equal(after.mgr, before.mgr, 'the manager is not restarted');
    for (const w of WORKERS) assert.notEqual(after[w], before[w], `${w} restarted`);
    const [w1, w2] = await Promise.all(WORKERS.map((w) => nodeLog(lab, w)));
    const w1Started = logTimes(w1!, /WSO2 Carbon started in/).at(-1)!;
    const w2Stopping = logTimes(w2!, /Shutdown hook triggered/).at(-1)!;
    assert.ok(w1Started < w2Stopping, 'wrk2 was stopped only after wrk1 was back');
    assert.equal(polled.failed, 0, `requests failed during the rolling restart: ${polled.errors.join('; ')}`);
    assert.ok(polled.ok > 50, `the poller kept sending (${polled.ok} requests)`);
    const v = await verify();
    assert.equal(v.code, 0, explain(v));
    console.log(`    (${polled.ok} requests through nginx during the rolling restart, ${polled.failed} failed; per worker ${JSON.stringify(polled.byWorker)})`);
  });

  it('with one client address verify.yml still passes: HTTP reaches every worker, HTTPS stays on one (sticky)', async () => {
    const r = await verify('-e', '{"verify_client_addresses": []}');
    assert.equal(r.code, 0, explain(r));
    assert.match(JSON.stringify(r.json), /HTTPS requests sent from 1 client address/);
  });

  it('a new host name: the certificate follows it and nginx serves it after a checked reload; and back', async () => {
    const r = await site('--limit', 'lb', '-e', 'esb_hostname=esb.example.org');
    assert.equal(r.code, 0, explain(r));
    const changed = keysWithStatus(r.json, 'changed');
    assert.ok(changed.includes('lb|self-signed certificates for the server names (regenerated on key mismatch, new name, near expiry)'), changed.join('\n'));
    assert.deepEqual(handlerHosts(r, 'check nginx configuration'), ['lb']);
    assert.deepEqual(handlerHosts(r, 'nginx reloaded'), ['lb']);
    assert.deepEqual(await waitForCertificate(lb.address, 'esb.example.org', 'esb.example.org'), { cn: 'esb.example.org', san: 'DNS:esb.example.org' });
    const back = await site('--limit', 'lb');
    assert.equal(back.code, 0, explain(back));
    assert.equal((await waitForCertificate(lb.address, 'esb.wso2.com', 'esb.wso2.com')).cn, 'esb.wso2.com');
    const hosts = await fs.readFile(lab.path('lb', '/etc/hosts'), 'utf8');
    assert.equal(hosts.split('\n').filter((l) => l.includes('# esbplay: load balancer')).length, 1, hosts);
  });
});
