// Start, stop and restart through the real bin/wso2server.sh: what an operator sees (races, workers, offsets, console).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fetchText } from './http-probe.js';
import { FAST, isAlive, readLog, readPid, runServerScript, StandinBench, waitForExit, waitForLog } from './standin-node.js';

const run = promisify(execFile);

describe('stand-in lifecycle through wso2server.sh', function () {
  this.timeout(120_000);
  const bench = new StandinBench();
  let javaHome: string;
  const newNode = (version: '4.9.0' | '5.0.0' = '4.9.0', extra: { offset?: number } = {}) => bench.newNode(version, extra);

  before(async () => {
    await bench.setUp('life', 8);
    javaHome = bench.javaHome;
  });
  afterEach(() => bench.reaper.killAll());
  after(() => bench.tearDown());

  it('start returns at once; the node writes its pid, logs "WSO2 Carbon started" and serves echo and the console', async () => {
    const { home, address } = await newNode();
    const r = await runServerScript(home, javaHome, ['start'], { JAVA_OPTS: FAST });
    assert.equal(r.code, 0);
    assert.doesNotMatch(await readLog(home), /WSO2 Carbon started/, 'start must not wait for the server');
    await waitForLog(home, /WSO2 Carbon started in \d+ sec/);
    const pid = await readPid(home);
    assert.ok(isAlive(pid));
    const ps = (await run('ps', ['-o', 'comm=,args=', '-p', String(pid)])).stdout;
    assert.match(ps, /^java\s+\S+\/bin\/java .*-DworkerNode=false org\.wso2\.carbon\.bootstrap\.Bootstrap/);
    const echo = JSON.parse((await fetchText(`http://${address}:8280/services/echo`)).body);
    assert.equal(echo.service, 'echo');
    assert.equal(echo.workerNode, false);
    assert.equal(echo.node.pid, pid);
    assert.equal((await fetchText(`https://${address}:8243/services/echo`)).status, 200);
    const missing = await fetchText(`http://${address}:8280/services/NoSuchService`);
    assert.equal(missing.status, 404);
    assert.match(missing.body, /<faultstring>The endpoint reference \(EPR\) for the Operation not found is \/services\/NoSuchService/);
    const console = await fetchText(`https://${address}:9443/carbon/`);
    assert.equal(console.status, 200);
    assert.match(console.body, /<title>WSO2 Management Console<\/title>/);
    const redirect = await fetchText(`http://${address}:9763/carbon/`);
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.location, `https://${address}:9443/carbon/`);
  });

  it('with the default delays, stop returns while the JVM still runs, and stop + start at once starts nothing', async () => {
    const { home, address } = await newNode();
    await runServerScript(home, javaHome, ['start']);
    await waitForLog(home, /WSO2 Carbon started in/, 30_000);
    const pid = (await readPid(home))!;
    const stop = await runServerScript(home, javaHome, ['stop']);
    assert.equal(stop.code, 0);
    assert.ok(isAlive(pid), 'stop must return before the server has exited');
    const start = await runServerScript(home, javaHome, ['start']);
    assert.equal(start.code, 0);
    assert.equal(start.stdout, 'Process is already running\n');
    await waitForExit(pid);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await readPid(home), pid, 'no new server was started');
    await assert.rejects(fetchText(`http://${address}:8280/services/echo`), /ECONNREFUSED/);
    const log = await readLog(home);
    assert.match(log, /Shutdown hook triggered\.\.\.\.[\s\S]*Halting JVM/);
    assert.equal((log.match(/WSO2 Carbon started in/g) ?? []).length, 1);
    assert.ok((await fs.stat(path.join(home, 'wso2carbon.pid'))).isFile(), 'the pid file stays, as with the real server');
  });

  it('restart waits for the old process to exit, then starts a new one', async () => {
    const { home, address } = await newNode();
    await runServerScript(home, javaHome, ['start'], { JAVA_OPTS: FAST });
    await waitForLog(home, /WSO2 Carbon started in/);
    const oldPid = (await readPid(home))!;
    const offset = (await fs.stat(path.join(home, 'repository/logs/wso2carbon.log'))).size;
    const r = await runServerScript(home, javaHome, ['restart'], { JAVA_OPTS: FAST });
    assert.equal(r.code, 0);
    assert.ok(!isAlive(oldPid), 'restart returned before the old JVM exited');
    await waitForLog(home, /WSO2 Carbon started in/, 20_000, offset);
    const newPid = await readPid(home);
    assert.notEqual(newPid, oldPid);
    assert.ok(isAlive(newPid));
    assert.equal(JSON.parse((await fetchText(`http://${address}:8280/services/echo`)).body).node.pid, newPid);
  });

  it('-DworkerNode=true as an argument makes a worker (no console); in JAVA_OPTS the script\'s -DworkerNode=false wins', async () => {
    const worker = await newNode();
    await runServerScript(worker.home, javaHome, ['start', '-DworkerNode=true'], { JAVA_OPTS: FAST });
    const viaOpts = await newNode();
    await runServerScript(viaOpts.home, javaHome, ['start'], { JAVA_OPTS: `${FAST} -DworkerNode=true` });
    await waitForLog(worker.home, /WSO2 Carbon started in/);
    await waitForLog(viaOpts.home, /WSO2 Carbon started in/);
    assert.equal(JSON.parse((await fetchText(`http://${worker.address}:8280/services/echo`)).body).workerNode, true);
    assert.equal((await fetchText(`https://${worker.address}:9443/carbon/`)).status, 404);
    assert.doesNotMatch(await readLog(worker.home), /Mgt Console URL/);
    assert.equal(JSON.parse((await fetchText(`http://${viaOpts.address}:8280/services/echo`)).body).workerNode, false);
    assert.equal((await fetchText(`https://${viaOpts.address}:9443/carbon/`)).status, 200);
  });

  it('port offsets: carbon.xml Ports/Offset, overridden by -DportOffset', async () => {
    const a = await newNode('4.9.0', { offset: 2 });
    await runServerScript(a.home, javaHome, ['start'], { JAVA_OPTS: FAST });
    const b = await newNode('4.9.0', { offset: 2 });
    await runServerScript(b.home, javaHome, ['start', '-DportOffset=5'], { JAVA_OPTS: FAST });
    await waitForLog(a.home, /WSO2 Carbon started in/);
    await waitForLog(b.home, /WSO2 Carbon started in/);
    assert.equal((await fetchText(`http://${a.address}:8282/services/echo`)).status, 200);
    assert.equal((await fetchText(`https://${a.address}:9445/carbon/`)).status, 200);
    assert.match(await readLog(a.home), /Pass-through HTTPS Listener started on [\d.]+:8245/);
    assert.equal((await fetchText(`https://${b.address}:8248/services/echo`)).status, 200);
    await assert.rejects(fetchText(`http://${b.address}:8282/services/echo`), /ECONNREFUSED/);
  });

  it('the 5.0.0 pack starts through its own script (JVM_MEM_OPTS from java -version)', async () => {
    const { home, address } = await newNode('5.0.0');
    await runServerScript(home, javaHome, ['start'], { JAVA_OPTS: FAST });
    await waitForLog(home, /WSO2 Carbon started in/);
    const body = JSON.parse((await fetchText(`http://${address}:8280/services/echo`)).body);
    assert.equal(body.product, 'WSO2 Enterprise Service Bus-5.0.0');
    const ps = (await run('ps', ['-o', 'args=', '-p', String(await readPid(home))])).stdout;
    assert.match(ps, / -Xms256m -Xmx1024m (?!-XX:MaxPermSize)/);
  });
});
