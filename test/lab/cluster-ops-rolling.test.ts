// rolling-restart.yml on the cluster lab: nothing to do changes nothing; a forced rolling restart on 2, then 4 workers under steady HTTP and HTTPS traffic loses no request; a bad inventory touches no host.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ClusterLab } from './cluster-lab.js';
import {
  explain,
  hashHostFiles,
  lbTarget,
  logTimes,
  nodeLog,
  nodePid,
  openSiteLab,
  resultsOf,
  runPlaybookPlain,
  spread,
  startTraffic,
  summaryOf,
  type LbTarget,
  type SiteLab,
} from './cluster-site-kit.js';

describe('cluster lab: rolling-restart.yml restarts the cluster without losing a request', function () {
  this.timeout(900_000);
  let site: SiteLab;
  let lab: ClusterLab;
  let lb: LbTarget;
  const run = (name: string, ...rest: string[]) => site.run(name, ...rest);
  const nodes = () => lab.hosts.filter((h) => h.role === 'mgr' || h.role === 'worker').map((h) => h.name);
  const workers = () => lab.hosts.filter((h) => h.role === 'worker').map((h) => h.name);
  const pids = async () => Object.fromEntries(await Promise.all(nodes().map(async (h) => [h, await nodePid(lab, h)] as const)));
  const figures: string[] = [];

  before(async function () {
    site = await openSiteLab(this, 2);
    lab = site.lab;
    const r = await run('site.yml');
    assert.equal(r.code, 0, explain(r));
    lb = await lbTarget(lab);
  });
  after(async () => {
    if (figures.length) console.log(`    (rolling restart figures: ${figures.join('; ')})`);
    await lab?.stop();
  });

  it('nothing to do: every node runs the configuration it started with, so nothing changes and no node restarts', async () => {
    const before = await pids();
    const r = await run('rolling-restart.yml');
    assert.equal(r.code, 0, explain(r));
    for (const [h, s] of Object.entries(r.json.stats)) assert.equal(s.changed, 0, `${h} changed`);
    assert.deepEqual(await pids(), before);
    assert.equal(summaryOf(r)[0], '0 node(s) restarted');
  });

  /** A forced rolling restart under steady traffic, checked (and its figures kept for the report). */
  async function rollUnderTraffic(): Promise<void> {
    const before = await pids();
    const traffic = startTraffic(lb, site.clients);
    await new Promise((r) => setTimeout(r, 1000));
    const r = await run('rolling-restart.yml', '-e', 'rolling_restart=all');
    await new Promise((r) => setTimeout(r, 1000));
    const t = await traffic.stop();
    assert.equal(r.code, 0, explain(r));
    const n = workers().length;
    figures.push(
      `${n} workers: ${(r.ms / 1000).toFixed(1)} s, HTTP ${t.http.ok} ok ${t.http.failed} failed (${t.http.rate.toFixed(1)}/s), ` +
        `HTTPS ${t.https.ok} ok ${t.https.failed} failed (${t.https.rate.toFixed(1)}/s)`,
    );
    assert.equal(
      t.http.failed + t.https.failed,
      0,
      `requests failed during the rolling restart: ${[...t.http.errors, ...t.https.errors].join('; ')}`,
    );
    assert.ok(t.http.rate >= 5 && t.https.rate >= 5, `the client kept up >= 5 requests/s per scheme: ${figures.at(-1)}`);

    // the run reports the restarts it made, and they are real: a new pid on every node
    const after = await pids();
    const summary = summaryOf(r);
    assert.equal(summary[0], `${n + 1} node(s) restarted`, summary.join('\n'));
    for (const h of nodes()) {
      assert.notEqual(after[h], before[h], `${h} restarted`);
      assert.ok(summary.includes(`${h}: restarted, pid ${before[h]} -> ${after[h]} (rolling_restart=all)`), summary.join('\n'));
    }
    // each worker: out of the upstreams, restarted, seen by the manager, back in; the next only then
    for (const w of workers()) {
      const steps = resultsOf(r, w)
        .map((x) => `${x.task} ${x.status}`)
        .filter((x) => /upstreams on the load balancer|restarted and healthy|saw it join again/.test(x));
      assert.deepEqual(
        steps,
        [
          'the upstreams on the load balancer, the workers in nginx_drained marked down changed',
          'restarted and healthy changed',
          'the other members saw it join again ok',
          'the upstreams on the load balancer, the workers in nginx_drained marked down changed',
        ],
        w,
      );
    }
    const logs = Object.fromEntries(await Promise.all(nodes().map(async (h) => [h, await nodeLog(lab, h)] as const)));
    const started = (h: string) => logTimes(logs[h]!, /WSO2 Carbon started in/).at(-1)!;
    const stopping = (h: string) => logTimes(logs[h]!, /Shutdown hook triggered/).at(-1)!;
    const order = [...workers(), 'mgr'];
    for (let i = 1; i < order.length; i++)
      assert.ok(started(order[i - 1]!) <= stopping(order[i]!), `${order[i]} stopped only after ${order[i - 1]} was back`);
    // every worker answers through the load balancer again
    const counts = await spread(lb, site.clients);
    for (const w of workers()) assert.ok((counts.http[lab.host(w).address] ?? 0) > 0, `HTTP reaches ${w} again: ${JSON.stringify(counts)}`);
    const v = await run('verify.yml');
    assert.equal(v.code, 0, explain(v));
    const again = await run('rolling-restart.yml');
    assert.equal(summaryOf(again)[0], '0 node(s) restarted', 'a second run has nothing to do');
  }

  it('2 workers: one at a time out of nginx, restarted, joined, back in; the manager last; not one request fails', async () => {
    await rollUnderTraffic();
  });

  it('4 workers (two added by site.yml): the same, not one request fails', async () => {
    await lab.addWorker();
    await lab.addWorker();
    site.inventory = await lab.inventoryDir();
    const r = await run('site.yml');
    assert.equal(r.code, 0, explain(r));
    await rollUnderTraffic();
  });

  it('a bad inventory: site.yml and rolling-restart.yml stop with exit 5 naming host, variable and file:line; no lab host is touched', async () => {
    const bad = path.join(site.inventory, 'host_vars', 'wrk2.yml');
    await fs.mkdir(path.dirname(bad), { recursive: true });
    await fs.writeFile(bad, '# a name where the guide wants an IP address\nesb_local_member_host: wrk2.example.org\n');
    try {
      const before = { files: await hashHostFiles(lab), pids: await pids() };
      for (const playbook of ['site.yml', 'rolling-restart.yml']) {
        const r = await runPlaybookPlain(site.inventory, site.archives, playbook, '-e', 'rolling_restart=all');
        assert.equal(r.code, 5, `${playbook}: ${r.out.slice(0, 500)}${r.err}`);
        assert.match(r.err, /cluster lint found a problem in the inventory; no host was touched/);
        assert.match(
          r.err,
          new RegExp(
            `- wrk2: esb_local_member_host = "wrk2\\.example\\.org" \\(set at ${bad.replace(/[.]/g, '\\.')}:2:1\\).*\\[member-host-ip\\]`,
          ),
        );
        assert.doesNotMatch(r.err, /\n\s+at .*\.ts:\d+/, 'no stack trace');
      }
      assert.deepEqual(await pids(), before.pids);
      assert.deepEqual(await hashHostFiles(lab), before.files, 'a lab host changed');
    } finally {
      await fs.rm(bad);
    }
  });
});
