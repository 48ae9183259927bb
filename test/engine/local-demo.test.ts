// The README quick start (site.yml on inventories/local) in a temp copy: three stand-in ESB nodes start on one address and join, idempotent, --check exact, stop.yml stops them.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPlaybook } from '../../src/executor/run-playbook.js';
import type { RunOptions } from '../../src/executor/options.js';
import { cli, hashTree, hostResults, keepStateIn, resultKeys } from './helpers.js';
import { isAlive, NodeReaper, pickAddresses, readPid, standinArchives } from '../standin/standin-node.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const NODES = { mgr1: { offset: 0, member: 4100 }, wrk1: { offset: 1, member: 4200 }, wrk2: { offset: 2, member: 4300 } } as const;
type Node = keyof typeof NODES;

describe('engine: the local quick start (site.yml -i local): stand-in nodes on one address, one cluster', function () {
  this.timeout(300_000);
  let dir: string;
  let address: string;
  let extraVars: Record<string, unknown>;
  const reaper = new NodeReaper();
  const home = (n: Node) => path.join(dir, '.esbplay-local', n, 'opt', 'wso2esb-4.9.0');
  const run = (playbook: string, opts: Partial<RunOptions> = {}) =>
    runPlaybook({ playbook: `playbooks/${playbook}`, inventory: 'local', cwd: dir, ...opts, extraVars: { ...extraVars, ...opts.extraVars } });
  const pids = async () => Object.fromEntries(await Promise.all(Object.keys(NODES).map(async (n) => [n, await readPid(home(n as Node))])));
  const confs = () => Object.fromEntries(Object.keys(NODES).map((n) => [n, hashTree(path.join(home(n as Node), 'repository', 'conf'))]));
  const log = (n: Node) => readFileSync(path.join(home(n), 'repository', 'logs', 'wso2carbon.log'), 'utf8');

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'esbplay-demo-'));
    for (const d of ['playbooks', 'roles', 'inventories']) cpSync(path.join(REPO, d), path.join(dir, d), { recursive: true });
    keepStateIn(path.join(dir, 'inventories', 'local'), path.join(dir, 'state'));
    const a = await standinArchives();
    [address] = await pickAddresses(1) as [string];
    extraVars = { local_address: address, esb_pack_archive: a.tarGz['4.9.0'], esb_jdk_archive: a.jdk };
    for (const n of Object.keys(NODES)) reaper.track(home(n as Node));
  });
  after(async () => {
    await reaper.killAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('first run: the three nodes run on one address with their offsets and join; the LB and database say why they are skipped', async () => {
    const r = await run('site.yml');
    await reaper.remember();
    assert.equal(r.exitCode, 0);
    for (const [n, { offset, member }] of Object.entries(NODES) as [Node, (typeof NODES)[Node]][]) {
      assert.ok(isAlive(await readPid(home(n))), `${n} runs`);
      for (const [other, o] of Object.entries(NODES)) {
        if (other !== n) assert.match(log(n), new RegExp(`Member joined \\[[^\\]]+\\]: /${address.replace(/\./g, '\\.')}:${o.member}`), `${n} saw ${other}`);
      }
      const res = await fetch(`http://${address}:${8280 + offset}/services/echo`);
      const body = (await res.json()) as { node: { localMemberPort: number }; workerNode: boolean };
      assert.equal(body.node.localMemberPort, member);
      assert.equal(body.workerNode, n !== 'mgr1');
    }
    const said = hostResults(r.events).map((e) => String(e.result.msg ?? ''));
    assert.ok(said.some((m) => m.startsWith('skipped on lb1:') && m.includes('apt-get install nginx')), 'the LB says why and how');
    assert.ok(said.some((m) => m.startsWith('skipped on db1:') && m.includes('apt-get install mariadb-server') && m.includes('embedded H2')));
  });

  it('second run reports changed=0, writes no configuration byte and restarts nothing', async () => {
    const [before, files] = [await pids(), confs()];
    const r = await run('site.yml');
    assert.equal(r.exitCode, 0);
    for (const [h, s] of Object.entries(r.stats)) assert.equal(s.changed, 0, `${h} changed on the second run`);
    assert.deepEqual(await pids(), before);
    assert.deepEqual(confs(), files);
  });

  it('--check after an input change writes nothing and predicts exactly what the run changes (one restart per node)', async () => {
    const change = { extraVars: { esb_cluster_domain: 'wso2.esb.demo' } };
    const [before, files] = [await pids(), confs()];
    const check = await run('site.yml', { check: true, ...change });
    assert.equal(check.exitCode, 0);
    assert.deepEqual(confs(), files, '--check changed a file');
    assert.deepEqual(await pids(), before, '--check restarted a node');
    const predicted = resultKeys(check.events, 'changed');
    assert.deepEqual(predicted.filter((k) => k.endsWith('|restart carbon')), ['mgr1|restart carbon', 'wrk1|restart carbon', 'wrk2|restart carbon']);
    const real = await run('site.yml', change);
    await reaper.remember();
    assert.equal(real.exitCode, 0);
    assert.deepEqual(resultKeys(real.events, 'changed'), predicted);
    const after = await pids();
    for (const n of Object.keys(NODES)) assert.notEqual(after[n], before[n], `${n} restarted`);
    assert.match(log('wrk2'), /Cluster domain: wso2\.esb\.demo/);
  });

  it('stop.yml stops every node (the documented way to stop the quick start); again is ok', async () => {
    const before = await pids();
    const r = await run('stop.yml');
    assert.equal(r.exitCode, 0);
    for (const n of Object.keys(NODES)) assert.ok(!isAlive(before[n]), `${n} stopped`);
    const again = await run('stop.yml');
    for (const [h, s] of Object.entries(again.stats)) assert.equal(s.changed, 0, `${h} changed on a second stop`);
  });
});

describe('engine: the shipped prod inventory (the guide layout on 192.0.2.x) plans without touching a host', () => {
  const prod = (...rest: string[]) => cli(['run', path.join(REPO, 'playbooks', 'site.yml'), '-i', path.join(REPO, 'inventories', 'prod'), ...rest]);

  it('--dry-run renders every task for the five hosts, passwords masked', async () => {
    const r = await prod('--dry-run');
    assert.equal(r.code, 0, r.out + r.err);
    for (const h of ['lb1', 'db1', 'mgr1', 'wrk1', 'wrk2']) assert.match(r.out, new RegExp(`\\[${h}\\]`));
    assert.match(r.out, /mysql_user \{"name":"wso2carbon","host":"192\.0\.2\.12","password":"\*{8}"/);
    assert.match(r.out, /\[wrk2\] carbon_server \{"home":"\/opt\/wso2esb-4\.9\.0","state":"started","args":\["-DworkerNode=true"\]/);
    assert.match(r.out, /\[mgr1\] carbon_server \{"home":"\/opt\/wso2esb-4\.9\.0","state":"started","args":\[\],"setup_on_first_start":true/);
    assert.doesNotMatch(r.out + r.err, /CHANGE-ME-db-password/);
  });

  it('--list-tasks lists the plays in order: cluster lint, database, manager, workers, load balancer, scale-in', async () => {
    const r = await prod('--list-tasks');
    assert.equal(r.code, 0, r.out + r.err);
    const plays = [...r.out.matchAll(/play #\d+ \((\w+)\)/g)].map((m) => m[1]);
    assert.deepEqual(plays, ['all', 'mysql', 'esb_manager', 'esb_worker', 'lb', 'esb_decommission', 'mysql']);
  });
});
