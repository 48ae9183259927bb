// uri module: real node http/https servers on a random 127.10.X.Y, certificates made with openssl in a temp dir.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type tls from 'node:tls';
import os from 'node:os';
import path from 'node:path';
import { uriModule } from '../../src/modules/uri.js';
import { Secret } from '../../src/vars/secret.js';
import { ensureTools, runModule } from './op-harness.js';

interface Seen { method: string; url: string; headers: http.IncomingHttpHeaders; body: string; peerCN?: string }

function handle(seen: Seen[]) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const peer = (req.socket as tls.TLSSocket).getPeerCertificate?.();
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString(), peerCN: peer?.subject?.CN });
      if (req.url === '/json') res.writeHead(200, { 'content-type': 'application/json' }).end('{"members":2}');
      else if (req.url === '/status/503') res.writeHead(503, 'Service Unavailable').end('down');
      else if (req.url === '/redirect') res.writeHead(302, { location: '/carbon' }).end();
      else if (req.url === '/slow') return; // never answers
      else if (req.url === '/created') res.writeHead(201).end('made');
      else res.writeHead(200, { 'content-type': 'text/plain' }).end(`hello ${req.method} ${req.url}`);
    });
  };
}

/** Every server of this file listens on this lab loopback address (in 127.10.0.0/16, never 127.0.0.1). */
const ADDR = `127.10.${1 + Math.floor(Math.random() * 254)}.${1 + Math.floor(Math.random() * 254)}`;

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, ADDR, r));
  return (server.address() as net.AddressInfo).port;
}

function makeCerts(dir: string): void {
  const ossl = (...a: string[]) => execFileSync('openssl', a, { cwd: dir, stdio: 'ignore' });
  const key = (name: string, subj: string) => ossl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subj);
  ossl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=esbplay test CA', '-days', '2');
  execFileSync('sh', ['-c', 'printf "subjectAltName=DNS:localhost,IP:%s\\n" "$1" > san.ext', 'sh', ADDR], { cwd: dir });
  key('server', '/CN=localhost');
  ossl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'san.ext');
  key('client', '/CN=esb-client');
  ossl('x509', '-req', '-in', 'client.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.crt', '-days', '2');
}

describe('uri module', function () {
  let dir: string;
  const seen: Seen[] = [];
  const servers: net.Server[] = [];
  let httpUrl: string;
  let selfSignedUrl: string;
  let caSignedPort: number;
  let mtlsUrl: string;

  before(async function () {
    if (!ensureTools({ openssl: 'openssl' })) this.skip();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-uri-'));
    makeCerts(dir);
    const file = (n: string) => fs.readFile(path.join(dir, n));
    const plain = http.createServer(handle(seen));
    // the CA's own certificate is self-signed: like a stock WSO2 wso2carbon.jks on 9443
    const selfSigned = https.createServer({ key: await file('ca.key'), cert: await file('ca.crt') }, handle(seen));
    const caSigned = https.createServer({ key: await file('server.key'), cert: await file('server.crt') }, handle(seen));
    const mtls = https.createServer({ key: await file('server.key'), cert: await file('server.crt'), ca: await file('ca.crt'), requestCert: true, rejectUnauthorized: true }, handle(seen));
    servers.push(plain, selfSigned, caSigned, mtls);
    httpUrl = `http://${ADDR}:${await listen(plain)}`;
    selfSignedUrl = `https://${ADDR}:${await listen(selfSigned)}`;
    caSignedPort = await listen(caSigned);
    mtlsUrl = `https://${ADDR}:${await listen(mtls)}`;
  });
  after(async () => {
    for (const s of servers) {
      (s as http.Server).closeAllConnections?.();
      await new Promise((r) => s.close(r));
    }
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => seen.splice(0));

  it('GETs with return_content, in check mode too, and is never a change', async () => {
    for (const checkMode of [false, true]) {
      const r = await runModule(uriModule, { url: `${httpUrl}/carbon`, return_content: true }, { checkMode });
      assert.equal(r.plan.failed, undefined);
      assert.equal(r.plan.changes.length, 0);
      assert.equal(r.result.status, 200);
      assert.equal(r.result.content, 'hello GET /carbon');
    }
    assert.equal(seen.length, 2);
  });

  it('parses JSON bodies and leaves content out without return_content', async () => {
    const r = await runModule(uriModule, { url: `${httpUrl}/json` });
    assert.deepEqual(r.result.json, { members: 2 });
    assert.equal(r.result.content, undefined);
  });

  it('fails when the status is not accepted; status_code takes an int or a list', async () => {
    const bad = await runModule(uriModule, { url: `${httpUrl}/status/503` });
    assert.equal(bad.plan.failed, 'Status code was 503 and not [200]: HTTP Error 503: Service Unavailable');
    assert.equal(bad.result.status, 503);
    assert.equal((await runModule(uriModule, { url: `${httpUrl}/status/503`, status_code: 503 })).plan.failed, undefined);
    assert.equal((await runModule(uriModule, { url: `${httpUrl}/status/503`, status_code: [200, 503] })).plan.failed, undefined);
    assert.match((await runModule(uriModule, { url: httpUrl, status_code: 'abc' })).plan.failed ?? '', /status_code must be an integer/);
  });

  it('follows redirects for GET unless told not to', async () => {
    const r = await runModule(uriModule, { url: `${httpUrl}/redirect`, return_content: true });
    assert.equal(r.result.content, 'hello GET /carbon');
    assert.equal(r.result.redirected, true);
    assert.equal(r.result.url, `${httpUrl}/carbon`);
    const none = await runModule(uriModule, { url: `${httpUrl}/redirect`, follow_redirects: 'none', status_code: 302 });
    assert.equal(none.result.status, 302);
  });

  it('POST is a change: not sent in check mode, sent on apply with JSON body and basic auth revealed only on the wire', async () => {
    const args = { url: `${httpUrl}/created`, method: 'POST', body_format: 'json', body: { user: 'admin', pass: new Secret('s3cret') }, status_code: 201, user: 'admin', password: new Secret('pw!') };
    const check = await runModule(uriModule, args, { checkMode: true });
    assert.equal(check.plan.changes.length, 1);
    assert.equal(check.plan.changes[0]!.summary, `POST ${httpUrl}/created`);
    assert.equal(seen.length, 0);
    const r = await runModule(uriModule, args);
    assert.equal(r.result.status, 201);
    assert.equal(seen[0]!.body, '{"user":"admin","pass":"s3cret"}');
    assert.equal(seen[0]!.headers['content-type'], 'application/json');
    assert.equal(seen[0]!.headers.authorization, `Basic ${Buffer.from('admin:pw!').toString('base64')}`);
    assert.ok(!JSON.stringify(r.result).includes('pw!'));
  });

  it('encodes form bodies and fails the apply on a bad status', async () => {
    await runModule(uriModule, { url: `${httpUrl}/form`, method: 'PUT', body_format: 'form-urlencoded', body: { a: '1 2', b: 'x&y' } });
    assert.equal(seen[0]!.body, 'a=1+2&b=x%26y');
    assert.equal(seen[0]!.headers['content-type'], 'application/x-www-form-urlencoded');
    await assert.rejects(runModule(uriModule, { url: `${httpUrl}/status/503`, method: 'DELETE' }), (e: Error & { result?: Record<string, unknown> }) => {
      assert.match(e.message, /Status code was 503/);
      assert.equal(e.result?.status, 503);
      return true;
    });
  });

  it('reports a refused connection and a timeout as failures with status -1', async () => {
    const port = Number(new URL(httpUrl).port);
    await new Promise<void>((r) => servers[0]!.close(() => r()));
    const refused = await runModule(uriModule, { url: `http://${ADDR}:${port}/` });
    assert.match(refused.plan.failed ?? '', /^Status code was -1 and not \[200\]: Request failed: .*ECONNREFUSED/);
    await new Promise<void>((r) => servers[0]!.listen(port, ADDR, () => r()));
    const slow = await runModule(uriModule, { url: `${httpUrl}/slow`, timeout: 1 });
    assert.match(slow.plan.failed ?? '', /Request failed: timed out after \d+ms: GET .*\/slow/);
  });

  it('rejects a self-signed certificate unless validate_certs is false', async () => {
    const strict = await runModule(uriModule, { url: `${selfSignedUrl}/carbon` });
    assert.match(strict.plan.failed ?? '', new RegExp(`certificate of ${ADDR.replace(/\./g, '\\.')}:\\d+ is not trusted .*set validate_certs: false`));
    const lax = await runModule(uriModule, { url: `${selfSignedUrl}/carbon`, validate_certs: false, return_content: true });
    assert.equal(lax.plan.failed, undefined);
    assert.equal(lax.result.content, 'hello GET /carbon');
  });

  it('trusts a CA from ca_path (a file on the host) and checks the name', async () => {
    const ok = await runModule(uriModule, { url: `https://${ADDR}:${caSignedPort}/`, ca_path: path.join(dir, 'ca.crt') });
    assert.equal(ok.plan.failed, undefined);
    const missing = await runModule(uriModule, { url: `https://${ADDR}:${caSignedPort}/`, ca_path: path.join(dir, 'nope.crt') });
    assert.match(missing.plan.failed ?? '', /ca_path .*nope\.crt does not exist on testhost/);
  });

  it('sends a client certificate when the server requires one', async () => {
    const ca = path.join(dir, 'ca.crt');
    const without = await runModule(uriModule, { url: `${mtlsUrl}/`, ca_path: ca });
    assert.match(without.plan.failed ?? '', /Request failed/);
    const withCert = await runModule(uriModule, { url: `${mtlsUrl}/`, ca_path: ca, client_cert: path.join(dir, 'client.crt'), client_key: path.join(dir, 'client.key') });
    assert.equal(withCert.plan.failed, undefined);
    assert.equal(seen.at(-1)!.peerCN, 'esb-client');
    assert.match((await runModule(uriModule, { url: mtlsUrl, client_cert: 'x' })).plan.failed ?? '', /client_cert and client_key must be given together/);
  });

  it('rejects URLs it cannot send', async () => {
    assert.match((await runModule(uriModule, { url: 'ftp://x/' })).plan.failed ?? '', /must be http/);
    assert.match((await runModule(uriModule, { url: 'not a url' })).plan.failed ?? '', /not a valid URL/);
    assert.match((await runModule(uriModule, { url: httpUrl, body: { a: 1 } })).plan.failed ?? '', /set body_format json/);
  });
});
