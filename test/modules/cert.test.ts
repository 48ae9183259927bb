// openssl_privatekey + x509_certificate on real files with real openssl: names follow the host, regenerate only when needed.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { promises as fs, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { openSslPrivateKeyModule } from '../../src/modules/openssl-privatekey.js';
import { x509CertificateModule } from '../../src/modules/x509-certificate.js';
import { runModule, type RunOutcome } from './op-harness.js';

describe('openssl_privatekey + x509_certificate (real openssl, real files)', function () {
  let dir: string;
  let key: string;
  let crt: string;
  const outcomes: RunOutcome[] = [];
  const pair = async (name: string, extra: Record<string, unknown> = {}, checkMode = false) => {
    const k = await runModule(openSslPrivateKeyModule, { path: key, size: 2048 }, { checkMode });
    const c = await runModule(x509CertificateModule, { path: crt, privatekey_path: key, common_name: name, ...extra }, { checkMode });
    outcomes.push(k, c);
    return { k, c };
  };
  const cert = () => new X509Certificate(readFileSync(crt));
  const keyBytes = () => readFileSync(key);

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-cert-'));
    key = path.join(dir, 'nginx.key');
    crt = path.join(dir, 'nginx.crt');
  });
  afterEach(async () => {
    // whatever happened, no outcome (results, diffs, summaries) carries the private key
    for (const o of outcomes) {
      const text = JSON.stringify(o, (_k, v) => (typeof v === 'function' ? undefined : v));
      assert.doesNotMatch(text, /PRIVATE KEY|MII[A-Za-z0-9+/]{20}/);
    }
    outcomes.length = 0;
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('fresh: a 0600 key and a certificate for the name that a TLS client accepts for that name only', async () => {
    const check = await pair('mgt.esb.example', {}, true);
    assert.equal(check.k.plan.changes.length, 1);
    assert.equal(check.c.plan.changes.length, 1, 'check mode predicts the certificate although the key does not exist yet');
    assert.deepEqual(await fs.readdir(dir), [], 'check mode wrote nothing');
    const { k, c } = await pair('mgt.esb.example', { subject_alt_name: ['mgt.esb.example', 'IP:127.0.0.1'] });
    assert.equal(k.applied, 1);
    assert.equal(c.applied, 1);
    assert.equal(statSync(key).mode & 0o777, 0o600);
    assert.equal(statSync(crt).mode & 0o777, 0o644);
    assert.equal(cert().subject, 'CN=mgt.esb.example');
    assert.equal(cert().subjectAltName, 'DNS:mgt.esb.example, IP Address:127.0.0.1');
    assert.equal(cert().checkPrivateKey(createPrivateKey(keyBytes())), true);
    assert.equal(createPrivateKey(keyBytes()).asymmetricKeyDetails?.modulusLength, 2048);
    assert.ok(Date.parse(cert().validTo) - Date.now() > 3640 * 86_400_000);
    assert.deepEqual(await fs.readdir(dir).then((l) => l.sort()), ['nginx.crt', 'nginx.key'], 'no temp file left');
    assert.equal(await handshake('mgt.esb.example'), 'authorized');
    assert.match(await handshake('wrk1.esb.example'), /does not match|Hostname\/IP/);
  });

  it('second run changes nothing and rewrites no byte', async () => {
    await pair('mgt.esb.example');
    const [k1, c1] = [keyBytes(), readFileSync(crt)];
    const { k, c } = await pair('mgt.esb.example');
    assert.equal(k.plan.changes.length, 0, k.plan.noopReason);
    assert.equal(c.plan.changes.length, 0, c.plan.noopReason);
    assert.match(c.plan.noopReason ?? '', /valid for mgt\.esb\.example until \d{4}-/);
    assert.deepEqual([keyBytes(), readFileSync(crt)], [k1, c1]);
  });

  it('a name change regenerates the certificate for the new name with the same key', async () => {
    await pair('mgt.esb.example');
    const k1 = keyBytes();
    const { k, c } = await pair('manager.esb.example');
    assert.equal(k.plan.changes.length, 0);
    assert.deepEqual(c.result.regenerated_because, ['CN mgt.esb.example is not manager.esb.example', 'subjectAltName DNS:mgt.esb.example is not DNS:manager.esb.example']);
    assert.equal(cert().subject, 'CN=manager.esb.example');
    assert.deepEqual(keyBytes(), k1);
    assert.equal(cert().checkPrivateKey(createPrivateKey(k1)), true);
  });

  it('a key that does not match the certificate regenerates the certificate for the key', async () => {
    await pair('mgt.esb.example');
    execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', key], { stdio: 'ignore' });
    const k2 = keyBytes();
    const { k, c } = await pair('mgt.esb.example');
    assert.equal(k.plan.changes.length, 0, 'the key is a fine RSA 2048 key');
    assert.deepEqual(c.result.regenerated_because, ['certificate does not match the private key']);
    assert.equal(cert().checkPrivateKey(createPrivateKey(k2)), true);
  });

  it('a certificate close to expiry is renewed; one with enough days left is kept', async () => {
    await pair('mgt.esb.example');
    execFileSync('openssl', ['req', '-new', '-x509', '-key', key, '-out', crt, '-days', '5', '-subj', '/CN=mgt.esb.example', '-addext', 'subjectAltName=DNS:mgt.esb.example'], { stdio: 'ignore' });
    const kept = await pair('mgt.esb.example', { remaining_days: 3 });
    assert.equal(kept.c.plan.changes.length, 0);
    const { c } = await pair('mgt.esb.example');
    assert.match(String((c.result.regenerated_because as string[])[0]), /^expires in [45] days \(< remaining_days 30\)$/);
    assert.ok(Date.parse(cert().validTo) - Date.now() > 3640 * 86_400_000);
  });

  it('a lost key with a valid certificate: a new key, then a certificate that matches it', async () => {
    await pair('mgt.esb.example');
    await fs.rm(key);
    const { k, c } = await pair('mgt.esb.example');
    assert.deepEqual(k.result.regenerated_because, ['missing']);
    assert.deepEqual(c.result.regenerated_because, ['certificate does not match the private key']);
    assert.equal(cert().checkPrivateKey(createPrivateKey(keyBytes())), true);
    assert.equal(statSync(key).mode & 0o777, 0o600);
  });

  it('refuses weak RSA, fails clearly without a key, replaces an encrypted key, makes ECDSA keys', async () => {
    const weak = await runModule(openSslPrivateKeyModule, { path: key, size: 1024 });
    assert.match(weak.plan.failed ?? '', /at least 2048 bits/);
    const noKey = await runModule(x509CertificateModule, { path: crt, privatekey_path: key, common_name: 'a.example' });
    assert.match(noKey.plan.failed ?? '', /private key .*nginx\.key does not exist: create it first with openssl_privatekey/);
    execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-aes256', '-pass', 'pass:x', '-out', key], { stdio: 'ignore' });
    const failMode = await runModule(openSslPrivateKeyModule, { path: key, size: 2048, regenerate: 'fail' });
    assert.match(failMode.plan.failed ?? '', /encrypted/);
    const replaced = await runModule(openSslPrivateKeyModule, { path: key, size: 2048 });
    assert.deepEqual(replaced.result.regenerated_because, ['the key is encrypted (a deployed key must have no passphrase)']);
    const ec = await runModule(openSslPrivateKeyModule, { path: key, type: 'ECC', curve: 'secp256r1' });
    assert.deepEqual(ec.result.regenerated_because, ['RSA key, ECC wanted']);
    assert.equal(createPrivateKey(keyBytes()).asymmetricKeyDetails?.namedCurve, 'prime256v1');
    assert.equal((await runModule(openSslPrivateKeyModule, { path: key, type: 'ECC', curve: 'secp256r1' })).plan.changes.length, 0);
    const c = await runModule(x509CertificateModule, { path: crt, privatekey_path: key, common_name: '192.0.2.7' });
    assert.deepEqual(c.result.subject_alt_name, ['IP:192.0.2.7']);
    assert.equal(cert().checkPrivateKey(createPrivateKey(keyBytes())), true);
    outcomes.push(weak, noKey, failMode, replaced, ec, c);
  });

  /** TLS handshake against the pair, trusting only the certificate itself. */
  async function handshake(servername: string): Promise<string> {
    const server = tls.createServer({ key: keyBytes(), cert: readFileSync(crt) }, (s) => s.end());
    const host = `127.10.${1 + Math.floor(Math.random() * 254)}.${1 + Math.floor(Math.random() * 254)}`;
    await new Promise<void>((r) => server.listen(0, host, r));
    const port = (server.address() as { port: number }).port;
    try {
      return await new Promise<string>((resolve) => {
        const s = tls.connect({ host, port, servername, ca: readFileSync(crt) }, () => {
          s.end();
          resolve('authorized');
        });
        s.on('error', (e) => resolve(e.message));
      });
    } finally {
      server.close();
    }
  }
});
