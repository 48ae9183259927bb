// service, wait_for, uri and unarchive through a real ssh connection to a lab host (forwardOut, sftp/exec files).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import https from 'node:https';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import { serviceModule } from '../../src/modules/service.js';
import { waitForModule } from '../../src/modules/wait-for.js';
import { uriModule } from '../../src/modules/uri.js';
import { unarchiveModule } from '../../src/modules/unarchive.js';
import { runModule } from '../modules/op-harness.js';

const DAEMON = `#!/bin/sh
cd "$(dirname "$0")"
case "$1" in
  start) echo "$JAVA_OPTS" > opts; sleep 1000 </dev/null >/dev/null 2>&1 & echo $! > run.pid ;;
  stop) [ -f run.pid ] && kill "$(cat run.pid)"; rm -f run.pid ;;
esac
`;

describe('lab: operations modules over ssh', function () {
  this.timeout(60_000);
  let lab: Lab;
  let conn: SshConnection;
  let tmp: string;
  let server: https.Server;
  let port: number;
  /** the test's https server listens here (a lab loopback address, never 127.0.0.1) */
  const addr = `127.10.${1 + Math.floor(Math.random() * 254)}.${1 + Math.floor(Math.random() * 254)}`;

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 1 });
    conn = await openSsh(lab.spec('lab1'));
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-ops-lab-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-subj', '/CN=localhost', '-days', '2', '-addext', `subjectAltName=DNS:localhost,IP:${addr}`], { cwd: tmp, stdio: 'ignore' });
    server = https.createServer({ key: await fs.readFile(path.join(tmp, 'k.pem')), cert: await fs.readFile(path.join(tmp, 'c.pem')) }, (req, res) => res.end(`carbon ${req.url}`));
    await new Promise<void>((r) => server.listen(0, addr, r));
    port = (server.address() as net.AddressInfo).port;
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await conn?.close();
    await lab?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('uri: https from the host over forwardOut; self-signed fails unless validate_certs false or ca_path (a host file)', async () => {
    const url = `https://${addr}:${port}/carbon`;
    assert.match((await runModule(uriModule, { url }, { conn })).plan.failed ?? '', /not trusted/);
    const lax = await runModule(uriModule, { url, validate_certs: false, return_content: true }, { conn });
    assert.equal(lax.result.content, 'carbon /carbon');
    await conn.writeFile('/opt/ca.pem', await fs.readFile(path.join(tmp, 'c.pem')));
    assert.equal((await runModule(uriModule, { url, ca_path: '/opt/ca.pem' }, { conn })).plan.failed, undefined);
  });

  it('wait_for: a port from the host, and a log line appended later on the host', async () => {
    assert.equal((await runModule(waitForModule, { host: addr, port, timeout: 10 }, { conn })).plan.failed, undefined);
    await conn.exec(['mkdir', '-p', '/opt/logs']);
    await conn.writeFile('/opt/logs/wso2carbon.log', Buffer.from('INFO starting\n'));
    setTimeout(() => void conn.exec(['sh', '-c', 'echo "INFO Member joined [x]: /10.0.0.7:4200" >> /opt/logs/wso2carbon.log']), 1200);
    const r = await runModule(waitForModule, { path: '/opt/logs/wso2carbon.log', search_regex: 'Member joined .*/([\\d.]+):(\\d+)', timeout: 20 }, { conn });
    assert.equal(r.plan.failed, undefined);
    assert.deepEqual(r.result.match_groups, ['10.0.0.7', '4200']);
  });

  it('unarchive: uploads a controller zip and unpacks it on the host, then is a no-op', async () => {
    await fs.mkdir(path.join(tmp, 'tree', 'esb', 'bin'), { recursive: true });
    await fs.writeFile(path.join(tmp, 'tree', 'esb', 'bin', 'wso2server.sh'), '#!/bin/sh\n');
    execFileSync('zip', ['-q', '-r', path.join(tmp, 'esb.zip'), 'esb'], { cwd: path.join(tmp, 'tree') });
    await conn.exec(['mkdir', '-p', '/opt/products']);
    const first = await runModule(unarchiveModule, { src: 'esb.zip', dest: '/opt/products', mode: '0755' }, { conn, filesDir: tmp });
    assert.equal(first.plan.failed, undefined);
    assert.equal(String(await conn.readFile('/opt/products/esb/bin/wso2server.sh')), '#!/bin/sh\n');
    assert.equal((await runModule(unarchiveModule, { src: 'esb.zip', dest: '/opt/products', mode: '0755' }, { conn, filesDir: tmp })).plan.changes.length, 0);
  });

  it('service: a product script started with JAVA_OPTS on the host, idempotent, then stopped', async () => {
    await conn.exec(['mkdir', '-p', '/opt/svc']);
    await conn.writeFile('/opt/svc/daemon.sh', Buffer.from(DAEMON), { mode: 0o755 });
    const args = { name: 'esb', use: 'script', chdir: '/opt/svc', start: './daemon.sh start', stop: './daemon.sh stop', pidfile: 'run.pid', env: { JAVA_OPTS: '-DworkerNode=true' } };
    assert.equal((await runModule(serviceModule, { ...args, state: 'started' }, { conn })).plan.changes.length, 1);
    assert.equal(String(await conn.readFile('/opt/svc/opts')), '-DworkerNode=true\n');
    assert.equal((await runModule(serviceModule, { ...args, state: 'started' }, { conn })).plan.changes.length, 0);
    assert.equal((await runModule(serviceModule, { ...args, state: 'stopped' }, { conn })).plan.changes.length, 1);
    assert.equal((await runModule(serviceModule, { ...args, state: 'stopped' }, { conn })).plan.changes.length, 0);
  });
});
