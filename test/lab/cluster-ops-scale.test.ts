// --check on a fresh lab and on scale out/in: what it predicts against the real run that follows (compareRunDocuments, changed counts); a new worker enters nginx only after it answers, a removed one is drained before it stops.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import type { ClusterLab } from './cluster-lab.js';
import { compareRunDocuments } from '../../src/check/compare-runs.js';
import type { RunJson } from './lab-playbook.js';
import {
  decommissionInInventory,
  explain,
  handlerHosts,
  hashHostFiles,
  lbTarget,
  logTimes,
  nodeLog,
  nodePid,
  nodeProcess,
  openSiteLab,
  startTraffic,
  type LbTarget,
  type SiteLab,
  type TimedRun,
} from './cluster-site-kit.js';

type Doc = Record<string, unknown>;
const UPSTREAMS = '/etc/nginx/conf.d/esb-upstreams.conf';

/** Per host: [task, status] of the results check mode reported unknown and did not count as changed, which the real run did change. */
function unknownChanges(check: RunJson, run: RunJson): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  check.plays.forEach((p, pi) =>
    p.tasks.forEach((t, ti) => {
      for (const [h, r] of Object.entries(t.hosts)) {
        const real = run.plays[pi]?.tasks[ti];
        if (real?.task.name !== t.task.name) continue;
        if ((r as { unknown?: string }).unknown && r.status !== 'changed' && real.hosts[h]?.status === 'changed')
          (out[h] ??= []).push(t.task.name);
      }
    }),
  );
  return out;
}

/** Changed counts per host of a run. */
function changedOf(run: TimedRun): Record<string, number> {
  return Object.fromEntries(Object.entries(run.json.stats).map(([h, s]) => [h, s.changed ?? 0]));
}

describe('cluster lab: --check predicts the runs of a fresh cluster and of scale out/in; workers enter and leave nginx safely', function () {
  this.timeout(900_000);
  let site: SiteLab;
  let lab: ClusterLab;
  let lb: LbTarget;
  const notes: string[] = [];

  before(async function () {
    site = await openSiteLab(this, 2);
    lab = site.lab;
  });
  after(async () => {
    if (notes.length) console.log(`    (${notes.join('; ')})`);
    await lab?.stop();
  });

  /** --check --diff, then the real run with --diff; both exit 0 and compareRunDocuments finds no difference. */
  async function checkThenRun(...rest: string[]): Promise<{ check: TimedRun; run: TimedRun; unknown: string[] }> {
    const before = await hashHostFiles(lab);
    const check = await site.run('site.yml', '--check', '--diff', ...rest);
    assert.equal(check.code, 0, explain(check));
    assert.deepEqual(await hashHostFiles(lab), before, '--check changed a file on a lab host');
    const run = await site.run('site.yml', '--diff', ...rest);
    assert.equal(run.code, 0, explain(run));
    const cmp = compareRunDocuments(check.json as unknown as Doc, run.json as unknown as Doc);
    assert.deepEqual(cmp.mismatches, [], 'what --check predicted differs from the run');
    return { check, run, unknown: cmp.unknown };
  }

  it('fresh lab: --check exits 0, writes nothing, and predicts every diff and, host by host, the changed count of the first run', async () => {
    const { check, run, unknown } = await checkThenRun();
    const missed = unknownChanges(check.json, run.json);
    // what check mode cannot know on fresh hosts: the database server is not running yet, so the
    // databases, accounts and tables it would create are not planned; the certificate is signed with
    // a key that does not exist yet
    assert.deepEqual(missed, {
      db: [
        'shared registry and user store databases',
        "one account per ESB node address, on the cluster's databases only",
        "the product's tables in each database (the script runs only into an empty schema)",
      ],
      lb: ['self-signed certificates for the server names (regenerated on key mismatch, new name, near expiry)'],
    });
    const predicted = changedOf(check);
    for (const [h, n] of Object.entries(missed)) predicted[h]! += n.length;
    assert.deepEqual(predicted, changedOf(run), 'changed per host: predicted (plus the tasks reported unknown) vs run');
    for (const h of ['mgr', 'wrk1', 'wrk2']) assert.equal(changedOf(check)[h], changedOf(run)[h], `${h}: the exact changed count`);
    notes.push(
      `fresh lab: changed predicted ${JSON.stringify(changedOf(check))}, run ${JSON.stringify(changedOf(run))}, ${unknown.length} results unknown`,
    );
    lb = await lbTarget(lab);
  });

  it('adding wrk3: --check --diff predicts the run byte for byte (diffs and changed counts on every host); wrk3 enters nginx only once it answers; no request fails', async () => {
    const wrk3 = await lab.addWorker();
    site.inventory = await lab.inventoryDir();
    const before = { mgr: await nodePid(lab, 'mgr'), wrk1: await nodePid(lab, 'wrk1'), wrk2: await nodePid(lab, 'wrk2') };
    const traffic = startTraffic(lb, site.clients);
    const { check, run, unknown } = await checkThenRun();
    const t = await traffic.stop();
    assert.deepEqual(changedOf(check), changedOf(run));
    assert.deepEqual(unknownChanges(check.json, run.json), {}, 'every change is predicted');
    const diffs = (r: TimedRun, host: string) => r.json.plays.flatMap((p) => p.tasks.flatMap((x) => x.hosts[host]?.diff ?? []));
    assert.ok(diffs(run, 'wrk3').length >= 8, 'wrk3 got its configuration (diffs)');
    assert.ok(
      diffs(run, 'lb').some((d) => d.includes(`+    server ${wrk3.address}:8280 max_fails=1`)),
      'the LB diff adds wrk3',
    );
    assert.deepEqual(
      { mgr: await nodePid(lab, 'mgr'), wrk1: await nodePid(lab, 'wrk1'), wrk2: await nodePid(lab, 'wrk2') },
      before,
      'no other node restarted',
    );
    const started = logTimes(await nodeLog(lab, 'wrk3'), /WSO2 Carbon started in/).at(-1)!;
    const upstreamsWritten = (await fs.stat(lab.path('lb', UPSTREAMS))).mtimeMs;
    assert.ok(
      started < upstreamsWritten,
      `wrk3 answered (${new Date(started).toISOString()}) before nginx's upstreams named it (${new Date(upstreamsWritten).toISOString()})`,
    );
    assert.equal(t.http.failed + t.https.failed, 0, [...t.http.errors, ...t.https.errors].join('; '));
    assert.ok(
      (t.http.byWorker[wrk3.address] ?? 0) > 0,
      `wrk3 served HTTP requests through nginx after the run: ${JSON.stringify(t.http.byWorker)}`,
    );
    notes.push(
      `scale out: ${unknown.length} results unknown, changed ${JSON.stringify(changedOf(run))}, ${t.http.ok + t.https.ok} requests 0 failed`,
    );
  });

  it('removing wrk3 again (group esb_decommission): --check --diff predicts the run; nginx drops it before it stops; its account is dropped; the rest untouched', async () => {
    await decommissionInInventory(site.inventory, 'wrk3');
    const wrk3 = lab.host('wrk3');
    const pid3 = await nodePid(lab, 'wrk3');
    const before = { mgr: await nodePid(lab, 'mgr'), wrk1: await nodePid(lab, 'wrk1'), wrk2: await nodePid(lab, 'wrk2') };
    const traffic = startTraffic(lb, site.clients);
    const { check, run } = await checkThenRun();
    const t = await traffic.stop();
    assert.deepEqual(changedOf(check), changedOf(run));
    assert.equal(await nodeProcess(lab, 'wrk3', pid3), '', 'wrk3 stopped');
    const upstreams = await fs.readFile(lab.path('lb', UPSTREAMS), 'utf8');
    assert.doesNotMatch(upstreams, new RegExp(wrk3.address.replace(/\./g, '\\.')));
    const stopping = logTimes(await nodeLog(lab, 'wrk3'), /Shutdown hook triggered/).at(-1)!;
    assert.ok((await fs.stat(lab.path('lb', UPSTREAMS))).mtimeMs < stopping, 'nginx dropped wrk3 before it stopped');
    assert.equal(t.http.failed + t.https.failed, 0, [...t.http.errors, ...t.https.errors].join('; '));
    const accounts = await lab.exec('db', ['mariadb', '-N', '-e', "SELECT host FROM mysql.user WHERE user = 'wso2carbon' ORDER BY host"]);
    assert.deepEqual(accounts.stdout.trim().split('\n'), ['mgr', 'wrk1', 'wrk2'].map((h) => lab.host(h).address).sort());
    assert.deepEqual(
      { mgr: await nodePid(lab, 'mgr'), wrk1: await nodePid(lab, 'wrk1'), wrk2: await nodePid(lab, 'wrk2') },
      before,
      'no other node restarted',
    );
    const v = await site.run('verify.yml');
    assert.equal(v.code, 0, explain(v));
    const again = await site.run('site.yml');
    assert.ok(
      Object.values(again.json.stats).every((s) => (s.changed ?? 0) === 0),
      `a second run changes nothing: ${JSON.stringify(changedOf(again))}`,
    );
  });

  it('removing wrk1, a well-known member: the remaining nodes get the new member list and restart one at a time, nginx keeps serving', async () => {
    await decommissionInInventory(site.inventory, 'wrk1');
    const before = { mgr: await nodePid(lab, 'mgr'), wrk1: await nodePid(lab, 'wrk1'), wrk2: await nodePid(lab, 'wrk2') };
    const traffic = startTraffic(lb, site.clients);
    const r = await site.run('site.yml', '--diff');
    const t = await traffic.stop();
    assert.equal(r.code, 0, explain(r));
    assert.equal(t.http.failed + t.https.failed, 0, [...t.http.errors, ...t.https.errors].join('; '));
    assert.deepEqual(handlerHosts(r, 'restart carbon'), ['mgr', 'wrk2'], 'each remaining node restarted once, in turn');
    const [mgrLog, wrk2Log] = await Promise.all([nodeLog(lab, 'mgr'), nodeLog(lab, 'wrk2')]);
    assert.ok(
      logTimes(mgrLog, /WSO2 Carbon started in/).at(-1)! <= logTimes(wrk2Log, /Shutdown hook triggered/).at(-1)!,
      'wrk2 stopped only after mgr was back',
    );
    for (const h of ['mgr', 'wrk2']) {
      const axis2 = await fs.readFile(lab.path(h, '/opt/wso2esb-4.9.0/repository/conf/axis2/axis2.xml'), 'utf8');
      assert.doesNotMatch(
        axis2,
        new RegExp(`<hostName>${lab.host('wrk1').address.replace(/\./g, '\\.')}</hostName>`),
        `${h}: wrk1 is no longer a well-known member`,
      );
      assert.notEqual(await nodePid(lab, h), before[h as 'mgr' | 'wrk2']);
    }
    assert.equal(await nodeProcess(lab, 'wrk1', before.wrk1), '', 'wrk1 stopped');
    assert.ok(
      (await fs.stat(lab.path('lb', UPSTREAMS))).mtimeMs < logTimes(await nodeLog(lab, 'wrk1'), /Shutdown hook triggered/).at(-1)!,
      'nginx dropped wrk1 before it stopped',
    );
    const v = await site.run('verify.yml');
    assert.equal(v.code, 0, explain(v));
  });
});
