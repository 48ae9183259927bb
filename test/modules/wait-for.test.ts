// wait_for module: real TCP servers that open or close later, files that grow later, timeouts that fail clearly.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { waitForModule } from '../../src/modules/wait-for.js';
import { FileTail } from '../../src/modules/wait-for-probes.js';
import { LocalConnection } from '../../src/connection/local.js';
import { runModule } from './op-harness.js';

/** The servers of this file listen on one random lab loopback address (in 127.10.0.0/16, never 127.0.0.1). */
const ADDR = `127.10.${1 + Math.floor(Math.random() * 254)}.${1 + Math.floor(Math.random() * 254)}`;

async function findFreePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, ADDR, r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

function listenLater(port: number, ms: number, onConn?: (s: net.Socket) => void): { server: net.Server; ready: Promise<void> } {
  const server = net.createServer(onConn ?? ((s) => s.end()));
  const ready = new Promise<void>((r) => setTimeout(() => server.listen(port, ADDR, () => r()), ms));
  return { server, ready };
}

describe('wait_for module', () => {
  let dir: string;
  const servers: net.Server[] = [];
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-waitfor-'));
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
    await fs.rm(dir, { recursive: true, force: true });
  });

  for (const from of ['host', 'controller'] as const) {
    it(`waits for a port that starts listening later (from: ${from}) and reports progress`, async () => {
      const port = await findFreePort();
      const { server } = listenLater(port, 1200);
      servers.push(server);
      const r = await runModule(waitForModule, { host: ADDR, port, timeout: 20, from });
      assert.equal(r.plan.failed, undefined);
      assert.equal(r.plan.changed, false);
      assert.equal(r.result.port, port);
      assert.equal(typeof r.result.elapsed, 'number');
      assert.ok(r.progress.some((m) => m.startsWith(`waiting for ${ADDR}:${port}`) && /\(\d+s\/20s\)$/.test(m)), r.progress.join('\n'));
    });
  }

  it('fails with a clear message when the port never opens', async () => {
    const port = await findFreePort();
    const r = await runModule(waitForModule, { host: ADDR, port, timeout: 1 });
    assert.match(r.plan.failed ?? '', new RegExp(`^Timeout when waiting for ${ADDR.replace(/\./g, '\\.')}:${port} after 1s \\(last check: cannot connect: .*ECONNREFUSED`));
    const custom = await runModule(waitForModule, { host: ADDR, port, timeout: 0, msg: 'ESB did not start' });
    assert.equal(custom.plan.failed, 'ESB did not start');
    // the default host is 127.0.0.1, as in Ansible (port 1: nothing listens there)
    const byDefault = await runModule(waitForModule, { port: 1, timeout: 0 });
    assert.match(byDefault.plan.failed ?? '', /^Timeout when waiting for 127\.0\.0\.1:1 after 0s \(last check: cannot connect/);
  });

  it('waits for a port to close (state stopped)', async () => {
    const port = await findFreePort();
    const { server, ready } = listenLater(port, 0);
    await ready;
    setTimeout(() => server.close(), 1200);
    const r = await runModule(waitForModule, { host: ADDR, port, state: 'stopped', timeout: 20 });
    assert.equal(r.plan.failed, undefined);
    assert.match(r.plan.noopReason ?? '', /to close: cannot connect/);
  });

  it('matches search_regex against what the port sends', async () => {
    const port = await findFreePort();
    const { server, ready } = listenLater(port, 0, (s) => s.end('SSH-2.0-OpenSSH_9.2\r\n'));
    servers.push(server);
    await ready;
    const r = await runModule(waitForModule, { host: ADDR, port, search_regex: 'OpenSSH_(?P<ver>[\\d.]+)', timeout: 10 });
    assert.equal(r.plan.failed, undefined);
    assert.deepEqual(r.result.match_groups, ['9.2']);
    assert.deepEqual(r.result.match_groupdict, { ver: '9.2' });
  });

  it('waits for "Member joined" appended to a log later, in check mode too', async () => {
    const log = path.join(dir, 'wso2carbon.log');
    await fs.writeFile(log, 'INFO starting\n'.repeat(1000));
    setTimeout(() => void fs.appendFile(log, 'INFO {HazelcastClusteringAgent} - Member joined [abc]: /10.0.0.5:4100\n'), 1200);
    const r = await runModule(waitForModule, { path: log, search_regex: 'Member joined.*/([\\d.]+):(\\d+)', timeout: 20 }, { checkMode: true });
    assert.equal(r.plan.failed, undefined);
    assert.deepEqual(r.result.match_groups, ['10.0.0.5', '4100']);
    assert.ok(r.progress.some((m) => m.includes('/Member joined.*/([\\d.]+):(\\d+)/ in')));
  });

  it('waits for a file to appear and to be removed', async () => {
    const f = path.join(dir, 'ready.flag');
    setTimeout(() => void fs.writeFile(f, 'x'), 1200);
    assert.equal((await runModule(waitForModule, { path: f, timeout: 20 })).plan.failed, undefined);
    setTimeout(() => void fs.rm(f), 1200);
    const gone = await runModule(waitForModule, { path: f, state: 'absent', timeout: 20 });
    assert.equal(gone.plan.failed, undefined);
  });

  it('fails clearly when the line never appears', async () => {
    const log = path.join(dir, 'x.log');
    await fs.writeFile(log, 'nothing here\n');
    const r = await runModule(waitForModule, { path: log, search_regex: 'Member joined', timeout: 1 });
    assert.equal(r.plan.failed, `Timeout when waiting for /Member joined/ in ${log} after 1s (last check: no match yet)`);
    const missing = await runModule(waitForModule, { path: path.join(dir, 'nope'), timeout: 0 });
    assert.match(missing.plan.failed ?? '', /last check: file does not exist/);
  });

  it('waits for a port to drain', async () => {
    const port = await findFreePort();
    const { server, ready } = listenLater(port, 0, () => undefined);
    servers.push(server);
    await ready;
    const client = net.connect(port, ADDR);
    await new Promise((r) => client.once('connect', r));
    const busy = await runModule(waitForModule, { port, state: 'drained', timeout: 1 });
    assert.match(busy.plan.failed ?? '', /to drain after 1s \(last check: [1-9]\d* active connection/);
    client.end(); // the client closes first, so the server side does not linger in TIME_WAIT
    const r = await runModule(waitForModule, { port, state: 'drained', timeout: 20 });
    assert.equal(r.plan.failed, undefined);
  });

  it('rejects argument combinations that cannot work', async () => {
    assert.match((await runModule(waitForModule, { state: 'drained' })).plan.failed ?? '', /drained needs port/);
    assert.match((await runModule(waitForModule, { path: '/x', from: 'controller' })).plan.failed ?? '', /from: controller applies only to port/);
    assert.match((await runModule(waitForModule, { path: '/x', search_regex: '(' })).plan.failed ?? '', /invalid search_regex/);
    await assert.rejects(runModule(waitForModule, { path: '/x', port: 1 }), /mutually exclusive/);
  });

  it('FileTail reads only what was added, and a truncated file anew', async () => {
    const f = path.join(dir, 'grow.log');
    const tail = new FileTail(new LocalConnection('h'), f, undefined);
    assert.equal(await tail.readNew(), null);
    await fs.writeFile(f, 'one\ntw');
    assert.equal(await tail.readNew(), 'one\ntw');
    await fs.appendFile(f, 'o\nthree\n');
    assert.equal(await tail.readNew(), 'two\nthree\n');
    assert.equal(await tail.readNew(), '');
    await fs.writeFile(f, 'new\n');
    assert.equal(await tail.readNew(), 'new\n');
  });
});
