// carbon_server over the local connection against the stand-in ESB started by its real wso2server.sh.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { carbonServerModule } from '../../src/modules/carbon-server.js';
import { renderArgTable, updateArgTable } from '../../src/modules/docs-table.js';
import { fetchText } from '../standin/http-probe.js';
import { FAST, isAlive, readLog, readPid, StandinBench } from '../standin/standin-node.js';
import { runModule } from './op-harness.js';

const run = promisify(execFile);

describe('carbon_server module (stand-in ESB, local connection)', function () {
  this.timeout(120_000);
  const bench = new StandinBench();
  const newNode = () => bench.newNode();
  const argsFor = (home: string, extra: Record<string, unknown> = {}) => ({ home, java_home: bench.javaHome, env: { JAVA_OPTS: FAST }, timeout: 30, ...extra });
  const psArgs = async (pid: number) => (await run('ps', ['-o', 'args=', '-p', String(pid)])).stdout;

  before(() => bench.setUp('carbon-server', 10));
  afterEach(() => bench.reaper.killAll());
  after(() => bench.tearDown());

  it('started: starts a stopped node and waits until healthy; a second run is ok with the same pid', async () => {
    const { home, address } = await newNode();
    const first = await runModule(carbonServerModule, argsFor(home, { state: 'started' }));
    assert.equal(first.applied, 1);
    const pid = first.result.pid as number;
    assert.ok(isAlive(pid));
    assert.equal(first.result.previous_pid, null);
    assert.match(await readLog(home), /WSO2 Carbon started in/, 'healthy means the start line is already logged');
    assert.equal((await fetchText(`http://${address}:8280/services/echo`)).status, 200, 'and the port answers');
    const again = await runModule(carbonServerModule, argsFor(home, { state: 'started' }));
    assert.equal(again.plan.changes.length, 0);
    assert.match(again.plan.noopReason ?? '', new RegExp(`running \\(pid ${pid}\\), port\\(s\\) 8280 answering`));
    assert.equal(again.result.pid, pid);
    assert.equal(await readPid(home), pid);
  });

  it('restarted: waits for the old JVM to exit, then a new pid is healthy', async () => {
    const { home } = await newNode();
    const oldPid = (await runModule(carbonServerModule, argsFor(home))).result.pid as number;
    const r = await runModule(carbonServerModule, argsFor(home, { state: 'restarted' }));
    assert.equal(r.result.previous_pid, oldPid);
    assert.notEqual(r.result.pid, oldPid);
    assert.ok(!isAlive(oldPid));
    assert.ok(isAlive(r.result.pid as number));
    assert.equal(typeof r.result.waited, 'number');
    const log = await readLog(home);
    assert.equal(log.match(/WSO2 Carbon started in/g)?.length, 2);
    assert.ok(log.lastIndexOf('Halting JVM') < log.lastIndexOf('Starting WSO2 Carbon...'), 'the new JVM started after the old one halted');
  });

  it('args reach the server: -DworkerNode=true makes a worker (no console)', async () => {
    const { home, address } = await newNode();
    const r = await runModule(carbonServerModule, argsFor(home, { args: ['-DworkerNode=true'] }));
    assert.match(await psArgs(r.result.pid as number), /org\.wso2\.carbon\.bootstrap\.Bootstrap -DworkerNode=true/);
    assert.equal(JSON.parse((await fetchText(`http://${address}:8280/services/echo`)).body).workerNode, true);
    assert.equal((await fetchText(`https://${address}:9443/carbon/`)).status, 404);
  });

  it('setup_on_first_start adds -Dsetup only before the first start (no wso2carbon.log yet)', async () => {
    const { home } = await newNode();
    const first = await runModule(carbonServerModule, argsFor(home, { setup_on_first_start: true, args: ['-DworkerNode=false'] }));
    assert.match(await psArgs(first.result.pid as number), /Bootstrap -DworkerNode=false -Dsetup$/m);
    const second = await runModule(carbonServerModule, argsFor(home, { setup_on_first_start: true, args: ['-DworkerNode=false'], state: 'restarted' }));
    assert.doesNotMatch(await psArgs(second.result.pid as number), /-Dsetup/);
  });

  it('restarted with a broken config fails at once with the node\'s own log lines', async () => {
    const { home } = await newNode();
    await runModule(carbonServerModule, argsFor(home));
    const carbonXml = path.join(home, 'repository/conf/carbon.xml');
    await fs.writeFile(carbonXml, (await fs.readFile(carbonXml, 'latin1')).replace('</Server>', ''), 'latin1');
    const began = Date.now();
    await assert.rejects(runModule(carbonServerModule, argsFor(home, { state: 'restarted', timeout: 60 })), (e: Error & { result?: Record<string, unknown> }) => {
      assert.match(e.message, /Carbon server in \S+ died during start-up \(pid \d+\); last \d+ lines of \S+wso2carbon\.log:\n/);
      assert.match(e.message, /ERROR \{org\.wso2\.carbon\.base\.ServerConfiguration\} - {2}Error while parsing the configuration file/);
      assert.match(e.message, /SAXParseException/);
      assert.ok(Array.isArray(e.result?.log_lines));
      return true;
    });
    assert.ok(Date.now() - began < 30_000, 'a dead node fails the task at once, not after the timeout');
  });

  it('a start that never logs started_regex fails after timeout with the log lines', async () => {
    const { home } = await newNode();
    await assert.rejects(runModule(carbonServerModule, argsFor(home, { started_regex: 'this line never comes', timeout: 3 })), /not healthy after 3s \(no \/this line never comes\/ in the log yet\); last \d+ lines/);
  });

  it('stopped: stops and waits for the JVM to exit (the pid file stays); stopped again is ok', async () => {
    const { home } = await newNode();
    const pid = (await runModule(carbonServerModule, argsFor(home))).result.pid as number;
    const r = await runModule(carbonServerModule, argsFor(home, { state: 'stopped' }));
    assert.equal(r.applied, 1);
    assert.ok(!isAlive(pid), 'stopped returns only once the JVM has exited');
    assert.equal(await readPid(home), pid);
    const again = await runModule(carbonServerModule, argsFor(home, { state: 'stopped' }));
    assert.equal(again.plan.changes.length, 0);
    assert.match(again.plan.noopReason ?? '', new RegExp(`not running \\(pid ${pid} is gone\\)`));
  });

  it('a JVM that outlives stop_timeout is killed with SIGKILL and the result warns', async () => {
    const { home } = await newNode();
    const slow = { env: { JAVA_OPTS: `${FAST} -Dstandin.stopDelayMs=60000` } };
    const pid = (await runModule(carbonServerModule, argsFor(home, slow))).result.pid as number;
    const r = await runModule(carbonServerModule, argsFor(home, { ...slow, state: 'stopped', stop_timeout: 1 }));
    assert.ok(!isAlive(pid));
    assert.match(String((r.result.warnings as string[])[0]), new RegExp(`pid ${pid}\\) did not exit within 1s .*killed with SIGKILL`));
  });

  it('check mode predicts without running anything', async () => {
    const { home } = await newNode();
    const r = await runModule(carbonServerModule, argsFor(home, { state: 'restarted' }), { checkMode: true });
    assert.equal(r.plan.changes.length, 1);
    const change = r.plan.changes[0]!;
    assert.match(change.kind === 'custom' ? change.summary : '', /wso2server\.sh: start and wait until healthy/);
    assert.equal(await readPid(home), undefined);
  });

  it('docs/modules/carbon_server.md carries the current argument table', () => {
    const page = readFileSync(new URL('../../docs/modules/carbon_server.md', import.meta.url), 'utf8');
    assert.ok(page.startsWith('# carbon_server\n'));
    assert.equal(updateArgTable(page, carbonServerModule), page, 'regenerate the table with updateArgTable()');
    for (const name of Object.keys(carbonServerModule.schema.args)) assert.ok(renderArgTable(carbonServerModule).includes(`| \`${name}\``));
  });
});
