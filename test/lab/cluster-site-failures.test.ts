// Bad cases on the cluster lab: a worker that cannot come back (broken config file, wrong DB password, missing JDBC driver class) fails its health wait with its own log lines, and the run stops before the next worker restarts.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { startClusterLab, type ClusterLab } from './cluster-lab.js';
import { requireClusterLab } from './cluster-base.js';
import { explain, failures, handlerHosts, HOME, nodeLog, nodePid, nodeProcess, runPlaybook } from './cluster-site-kit.js';
import { standinArchives } from '../standin/standin-node.js';

describe('cluster lab: a worker that does not come back stops the rolling restart', function () {
  this.timeout(600_000);
  let lab: ClusterLab;
  let inventory: string;
  let archives: { zip: string; jdk: string };
  const site = (...rest: string[]) => runPlaybook(inventory, archives, 'site.yml', ...rest);

  before(async function () {
    requireClusterLab(this);
    const a = await standinArchives();
    archives = { zip: a.zip['4.9.0'], jdk: a.jdk };
    lab = await startClusterLab({ workers: 2 });
    inventory = await lab.inventoryDir();
    const r = await site();
    assert.equal(r.code, 0, explain(r));
  });
  after(async () => {
    await lab?.stop();
  });

  /**
   * Runs site.yml with `args` on the workers; wrk1 must fail its restart with `expected` among its
   * own log lines in the task's message, and wrk2 must keep running its old process. Then `repair`
   * and a plain site.yml bring the cluster back.
   */
  async function expectStop(args: readonly string[], expected: RegExp, repair: () => Promise<void> = async () => undefined): Promise<void> {
    const before = { wrk1: await nodePid(lab, 'wrk1'), wrk2: await nodePid(lab, 'wrk2') };
    const wrk2Log = (await nodeLog(lab, 'wrk2')).length;
    const r = await site('--limit', 'esb_worker', ...args);
    assert.equal(r.code, 2, explain(r));
    assert.ok(!r.out.includes('not-the-db-password') && !r.err.includes('not-the-db-password'), 'the password is never shown');
    const msg = (failures(r).wrk1 ?? []).join('\n');
    assert.match(msg, /Carbon server in \/opt\/wso2esb-4\.9\.0 died during start-up .*last \d+ lines of \/opt\/wso2esb-4\.9\.0\/repository\/logs\/wso2carbon\.log/s);
    assert.match(msg, expected);
    assert.match(msg, /ERROR \{org\.wso2\.carbon\.core\.init\.CarbonServerManager\} - {2}WSO2 Carbon initialization failed/);
    assert.deepEqual(handlerHosts(r, 'restart carbon'), ['wrk1'], 'no other node was restarted');
    assert.equal(await nodeProcess(lab, 'wrk1', before.wrk1), '', 'wrk1 was stopped for its restart');
    assert.equal(await nodePid(lab, 'wrk2'), before.wrk2);
    assert.match(await nodeProcess(lab, 'wrk2', before.wrk2), /Bootstrap -DworkerNode=true/, 'wrk2 still runs its old process');
    assert.doesNotMatch((await nodeLog(lab, 'wrk2')).slice(wrk2Log), /Shutdown hook triggered/, 'wrk2 was not touched');
    await repair();
    // wrk1's failed restart is still recorded on it: the repair run restarts it once the roles have
    // put the good configuration back
    const fixed = await site();
    assert.equal(fixed.code, 0, explain(fixed));
    assert.match(await nodeProcess(lab, 'wrk1', await nodePid(lab, 'wrk1')), /^wso2 .*Bootstrap -DworkerNode=true/);
  }

  it('a wrong database password on the workers: Access denied for the node\'s own address', async () => {
    await expectStop(['-e', 'esb_db_password=not-the-db-password'],
      new RegExp(`java\\.sql\\.SQLException: Access denied for user 'wso2carbon'@'${lab.host('wrk1').address.replace(/\./g, '\\.')}' \\(using password: YES\\)`));
  });

  it('a JDBC driver class that no jar in repository/components/lib holds: ClassNotFoundException', async () => {
    await expectStop(['-e', 'esb_jdbc_driver_class=com.mysql.jdbc.Driver'],
      /Error in loading JDBC driver class: com\.mysql\.jdbc\.Driver\n.*Caused by: java\.lang\.ClassNotFoundException: com\.mysql\.jdbc\.Driver/);
  });

  it('a configuration file broken by hand, then a maintenance run (-t carbon) that restarts the node: the parse error', async () => {
    const file = lab.path('wrk1', `${HOME}/repository/conf/user-mgt.xml`);
    const good = await fs.readFile(file);
    await fs.writeFile(file, Buffer.concat([good.subarray(0, good.length - 20), Buffer.from('\n<broken\n')]));
    await expectStop(['-t', 'carbon', '-e', 'esb_hostname=esb2.wso2.com'],
      /Error while parsing the configuration file \/opt\/wso2esb-4\.9\.0\/repository\/conf\/user-mgt\.xml/,
      () => fs.writeFile(file, good));
  });
});
