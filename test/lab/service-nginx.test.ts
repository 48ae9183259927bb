// service module on nginx's real init script, on a sys-host (private /etc, /var/log, /opt, pid namespace): nginx listens on the host's 127.10.X.1 only.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import { serviceModule } from '../../src/modules/service.js';
import { ensureTools, runModule } from '../modules/op-harness.js';
import { requireLab } from './lab-prereq.js';
import { startSysHost, type SysHost } from './sys-host.js';

const PORT = 8080;

/** nginx.conf for the host's private /etc: one server on the host's address; pid, logs and temp files in its private /opt and /var/log. */
function nginxConf(address: string, body: string): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path /opt/nginx/${t};`);
  return [
    'pid /opt/nginx/nginx.pid;',
    'error_log /var/log/nginx/error.log;',
    'events { worker_connections 64; }',
    'http {',
    '  access_log off;',
    ...temp,
    `  server { listen ${address}:${PORT}; location / { return 200 "${body}\\n"; } }`,
    '}',
    '',
  ].join('\n');
}

/** GET / on address:PORT: the body, or the connection error's code (ECONNREFUSED when nothing listens). */
function fetchBody(address: string): Promise<string> {
  return new Promise((resolve) => {
    const req = http.get({ host: address, port: PORT, path: '/', timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve(body.trim()));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

describe('lab: service module on nginx through its init script (no systemd here: PID 1 is not systemd)', function () {
  this.timeout(120_000);
  let host: SysHost;
  let conn: SshConnection;
  const run = (args: Record<string, unknown>) => runModule(serviceModule, args, { conn });
  const writeConf = (body: string) => fs.writeFile(path.join(host.root, 'etc', 'nginx', 'nginx.conf'), nginxConf(host.address, body));

  before(async function () {
    requireLab(this);
    if (!ensureTools({ nginx: 'nginx', service: 'init-system-helpers' })) this.skip();
    host = await startSysHost('svchost');
    await fs.mkdir(path.join(host.root, 'opt', 'nginx'), { recursive: true });
    await fs.mkdir(path.join(host.root, 'log', 'nginx'), { recursive: true });
    await writeConf('first');
    conn = await openSsh(host.spec());
  });
  after(async () => {
    await conn?.close();
    await host?.stop(); // ends the host's pid namespace, nginx with it
  });

  it('detects the manager, starts, reloads and stops nginx (it serves on the host address, then no longer)', async () => {
    assert.equal(await fetchBody(host.address), 'ECONNREFUSED', 'nothing listens before the start');
    const start = await run({ name: 'nginx', state: 'started' });
    assert.equal(start.plan.failed, undefined);
    const systemd = (await conn.stat('/run/systemd/system')).exists;
    assert.equal(start.result.manager, systemd ? 'systemd' : 'service');
    assert.equal(start.plan.changes.length, 1);
    assert.equal(await fetchBody(host.address), 'first');
    const again = await run({ name: 'nginx', state: 'started' });
    assert.equal(again.plan.changes.length, 0);
    await writeConf('second');
    const reload = await run({ name: 'nginx', state: 'reloaded', use: 'sysv' });
    assert.deepEqual(
      reload.plan.changes.map((c) => (c.kind === 'exec' ? c.argv : [])),
      [['/etc/init.d/nginx', 'reload']],
    );
    assert.equal(await waitForBody(host.address, 'second'), 'second', 'the reload made nginx read the new configuration');
    const stop = await run({ name: 'nginx', state: 'stopped', use: 'service' });
    assert.equal(stop.plan.changes.length, 1);
    assert.equal(await fetchBody(host.address), 'ECONNREFUSED', 'nginx no longer listens after the stop');
    assert.equal((await run({ name: 'nginx', state: 'stopped' })).plan.changes.length, 0);
  });

  it('fails clearly for an unknown service', async () => {
    const r = await run({ name: 'no-such-svc', state: 'started', use: 'sysv' });
    assert.match(r.plan.failed ?? '', /service 'no-such-svc' not found/);
    const s = await run({ name: 'no-such-svc', state: 'started', use: 'service' });
    assert.match(s.plan.failed ?? '', /no-such-svc/);
  });

  it("enables and disables at boot with update-rc.d (in the host's own /etc/rc?.d)", async function () {
    if (!ensureTools({ 'update-rc.d': 'init-system-helpers' })) this.skip();
    const links = async () => (await fs.readdir(path.join(host.root, 'etc', 'rc2.d'))).filter((f) => /^[SK]\d\dnginx$/.test(f));
    const on = await run({ name: 'nginx', enabled: true, use: 'sysv' });
    assert.equal(on.plan.failed, undefined);
    assert.equal((await run({ name: 'nginx', enabled: true, use: 'sysv' })).plan.changes.length, 0);
    assert.deepEqual(
      (await links()).map((f) => f[0]),
      ['S'],
    );
    const off = await run({ name: 'nginx', enabled: false, use: 'sysv' });
    assert.ok(off.plan.changes.length > 0);
    assert.equal((await run({ name: 'nginx', enabled: false, use: 'sysv' })).plan.changes.length, 0);
    assert.deepEqual(
      (await links()).map((f) => f[0]),
      ['K'],
    );
    assert.ok((await run({ name: 'nginx', enabled: true, use: 'sysv' })).plan.changes.length > 0);
    assert.deepEqual(
      (await links()).map((f) => f[0]),
      ['S'],
    );
  });
});

/** The reload is asynchronous (HUP, new workers): polls up to 10 s for the expected body; returns the last one seen. */
async function waitForBody(address: string, want: string): Promise<string> {
  let seen = '';
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    seen = await fetchBody(address);
    if (seen === want) break;
  }
  return seen;
}
