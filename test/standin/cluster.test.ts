// Three stand-in nodes on distinct 127.10.x.y addresses form one WKA cluster through the real start script.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fetchText } from './http-probe.js';
import { FAST, readLog, readPid, runServerScript, StandinBench, waitForExit, waitForLog } from './standin-node.js';

const DOMAIN = 'wso2.esb.domain';
const UUID = '[0-9a-f-]{36}';

describe('stand-in cluster (wka)', function () {
  this.timeout(120_000);
  const bench = new StandinBench();
  let javaHome: string;
  let addrs: string[];
  const homes: string[] = [];
  const roles = [
    { name: 'mgr', port: 4100, subDomain: 'mgt', args: [] as string[] },
    { name: 'wrk1', port: 4200, subDomain: 'worker', args: ['-DworkerNode=true'] },
    { name: 'wrk2', port: 4300, subDomain: 'worker', args: ['-DworkerNode=true'] },
  ];

  before(async () => {
    await bench.setUp('cluster', 4);
    ({ javaHome, addrs } = bench);
    // well-known members: the manager and the first worker, as the guide recommends (at least two)
    const members = [{ host: addrs[0]!, port: 4100 }, { host: addrs[1]!, port: 4200 }];
    for (const r of roles) {
      homes.push((await bench.newNode('4.9.0', { hostName: r.name, cluster: { domain: DOMAIN, port: r.port, members, subDomain: r.subDomain } })).home);
    }
  });
  after(() => bench.tearDown());

  it('every node logs Member joined for the other two, and each sees them in /services/echo', async () => {
    for (const [i, r] of roles.entries()) {
      const res = await runServerScript(homes[i]!, javaHome, ['start', ...r.args], { JAVA_OPTS: FAST });
      assert.equal(res.code, 0);
    }
    for (const [i] of roles.entries()) {
      await waitForLog(homes[i]!, /WSO2 Carbon started in/);
      for (const [j, other] of roles.entries()) {
        if (i === j) continue;
        await waitForLog(homes[i]!, new RegExp(`Member joined \\[${UUID}\\]: /${addrs[j]!.replace(/\./g, '\\.')}:${other.port} `), 20_000);
      }
    }
    const log = await readLog(homes[0]!);
    assert.match(log, /INFO \{org\.wso2\.carbon\.core\.clustering\.hazelcast\.wka\.WKABasedMembershipScheme\} - {2}Member joined \[/);
    assert.match(log, new RegExp(`Local member: \\[${UUID}\\] - Host:${addrs[0]!.replace(/\./g, '\\.')}, Remote Host:null, Port: 4100, HTTP:8280, HTTPS:8243, Domain: ${DOMAIN}, Sub-domain:mgt, Active:true`));
    for (const [i, r] of roles.entries()) {
      const body = JSON.parse((await fetchText(`http://${addrs[i]}:8280/services/echo`)).body);
      assert.equal(body.subDomain, r.subDomain);
      assert.equal(body.workerNode, r.name !== 'mgr');
      assert.equal(body.node.hostName, r.name);
      assert.equal(body.node.localMemberHost, addrs[i]);
      assert.deepEqual(body.members.map((m: { port: number }) => m.port).sort(), roles.filter((x) => x !== r).map((x) => x.port).sort());
    }
    // wrk2 is not a well-known member: the others learnt it through the shared member list
    assert.equal((await readLog(homes[2]!)).match(/Member joined/g)?.length, 2);
  });

  it('a node of another domain is refused and joins nobody', async () => {
    const { home } = await bench.newNode('4.9.0', { cluster: { domain: 'other.domain', port: 4400, members: [{ host: addrs[0]!, port: 4100 }] } });
    await runServerScript(home, javaHome, ['start', '-DworkerNode=true'], { JAVA_OPTS: FAST });
    await waitForLog(home, /Node could not join cluster at node: \/[\d.]+:4100 Cause: the target cluster has a different group-name/);
    await waitForLog(homes[0]!, /Refused the join request of \/[\d.]+:4400: it belongs to the cluster domain 'other\.domain'/);
    await waitForLog(home, /WSO2 Carbon started in/);
    assert.doesNotMatch(await readLog(home), /Member joined/);
    assert.equal((await readLog(homes[0]!)).match(/Member joined/g)?.length, 2);
    const pid = (await readPid(home))!;
    await runServerScript(home, javaHome, ['stop']);
    await waitForExit(pid);
  });

  it('a stopped node and a killed node are logged as Member left by the others', async () => {
    const mgrOffset = (await fs.stat(path.join(homes[0]!, 'repository/logs/wso2carbon.log'))).size;
    const wrk1Pid = (await readPid(homes[1]!))!;
    await runServerScript(homes[1]!, javaHome, ['stop']);
    await waitForLog(homes[0]!, new RegExp(`Member left \\[${UUID}\\]: /${addrs[1]!.replace(/\./g, '\\.')}:4200 `), 10_000, mgrOffset);
    await waitForLog(homes[2]!, new RegExp(`Member left \\[${UUID}\\]: /${addrs[1]!.replace(/\./g, '\\.')}:4200 `), 10_000);
    await waitForLog(homes[0]!, /WKA member Host:[\d.]+, Remote Host:null, Port: 4200, .* left cluster\. Starting reconnection task\.\.\./, 5000, mgrOffset);
    await waitForExit(wrk1Pid);
    const wrk2Pid = (await readPid(homes[2]!))!;
    process.kill(wrk2Pid, 'SIGKILL');
    await waitForLog(homes[0]!, new RegExp(`Member left \\[${UUID}\\]: /${addrs[2]!.replace(/\./g, '\\.')}:4300 `), 10_000, mgrOffset);
    const body = JSON.parse((await fetchText(`http://${addrs[0]}:8280/services/echo`)).body);
    assert.deepEqual(body.members, []);
    // the worker comes back: the manager sees it join again
    const again = (await fs.stat(path.join(homes[0]!, 'repository/logs/wso2carbon.log'))).size;
    await runServerScript(homes[1]!, javaHome, ['start', '-DworkerNode=true'], { JAVA_OPTS: FAST });
    await waitForLog(homes[0]!, new RegExp(`Member joined \\[${UUID}\\]: /${addrs[1]!.replace(/\./g, '\\.')}:4200 `), 20_000, again);
  });
});
