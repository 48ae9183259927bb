// Rotation on the cluster lab: a new database password (ALTER USER, every node's datasources, restarts one at a time) with every output channel grepped for every form of both passwords; certificates renewed on near expiry and on a key mismatch.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ClusterLab } from './cluster-lab.js';
import { secretForms } from '../../src/report/secret-forms.js';
import { MysqlConnection } from '../../standin/server/mysql-client.mjs';
import {
  explain,
  handlerHosts,
  lbTarget,
  logTimes,
  nodeLog,
  nodePid,
  openSiteLab,
  runPlaybookPlain,
  startTraffic,
  waitForServed,
  ESB_HOST,
  readInventorySecret,
  type LbTarget,
  type SiteLab,
} from './cluster-site-kit.js';

/** A new password with characters XML, JSON, URLs, shells and SQL all escape. */
const NEW_PASSWORD = `Rot&<at>ed"pw'2$\\x`;

describe('cluster lab: rotation of the database password and of certificates', function () {
  this.timeout(900_000);
  let site: SiteLab;
  let lab: ClusterLab;
  let lb: LbTarget;
  let oldPassword: string;
  /** everything esbplay printed in this file's runs: stdout, stderr, the JSON documents */
  const channels: Array<{ what: string; text: string }> = [];
  const keep = (what: string, r: { out: string; err: string }) =>
    channels.push({ what: `${what} stdout`, text: r.out }, { what: `${what} stderr`, text: r.err });

  /** A login as wso2carbon from wrk1's address (MySQL protocol, as the nodes connect): 'ok', or the server's error. */
  async function dbLogin(password: string): Promise<string> {
    try {
      const c = await MysqlConnection.connect({
        host: lab.host('db').address,
        port: 3306,
        user: 'wso2carbon',
        password,
        localAddress: lab.host('wrk1').address,
      });
      const r = await c.query('SELECT 1');
      c.close();
      return r.rows[0]?.[0] === '1' ? 'ok' : JSON.stringify(r.rows);
    } catch (e) {
      return (e as Error).message;
    }
  }

  before(async function () {
    site = await openSiteLab(this, 2);
    lab = site.lab;
    oldPassword = await readInventorySecret(site.inventory, 'esb_db_password');
  });
  after(async () => {
    await lab?.stop();
  });

  it('converge: --check --diff --output json -vvv, then the run with --diff -vvv; verify.yml passes', async () => {
    const check = await site.run('site.yml', '--check', '--diff', '-vvv');
    assert.equal(check.code, 0, explain(check));
    keep('converge --check --diff -vvv --output json', check);
    const run = await runPlaybookPlain(site.inventory, site.archives, 'site.yml', '--diff', '-vvv');
    assert.equal(run.code, 0, run.out.slice(-3000) + run.err);
    keep('converge --diff -vvv', run);
    assert.match(run.out, /master-datasources\.xml/, 'the human output has the datasource diffs');
    lb = await lbTarget(lab);
    const v = await site.run('verify.yml', '-vvv');
    assert.equal(v.code, 0, explain(v));
    keep('verify.yml -vvv --output json', v);
    assert.equal(await dbLogin(oldPassword), 'ok');
  });

  it("a new password in the inventory: ALTER USER and every node's datasources in one run, nodes restarting one at a time, no request lost", async () => {
    const vars = path.join(site.inventory, 'group_vars', 'all.yml');
    const text = await fs.readFile(vars, 'utf8');
    await fs.writeFile(vars, text.replace(/^esb_db_password: .*$/m, `esb_db_password: !secret ${JSON.stringify(NEW_PASSWORD)}`));
    const check = await runPlaybookPlain(site.inventory, site.archives, 'site.yml', '--check', '--diff', '-vvv');
    assert.equal(check.code, 0, check.out.slice(-3000) + check.err);
    keep('rotation --check --diff -vvv', check);
    assert.match(
      check.out,
      /ALTER USER 'wso2carbon'@'127\.10\.\d+\.\d+' IDENTIFIED BY \*{8}/,
      'the check shows the statements it would run',
    );

    const before = { mgr: await nodePid(lab, 'mgr'), wrk1: await nodePid(lab, 'wrk1'), wrk2: await nodePid(lab, 'wrk2') };
    const traffic = startTraffic(lb, site.clients);
    const run = await site.run('site.yml', '--diff', '-vvv');
    const t = await traffic.stop();
    keep('rotation --diff -vvv --output json', run);
    assert.equal(run.code, 0, explain(run));
    assert.equal(t.http.failed + t.https.failed, 0, [...t.http.errors, ...t.https.errors].join('; '));
    // every node account got the new password, every node restarted once, one after the other
    const altered = run.json.plays.flatMap((p) => p.tasks).find((x) => x.task.name.startsWith('one account per ESB node address'))!.hosts
      .db!;
    assert.equal(altered.status, 'changed');
    assert.deepEqual(handlerHosts(run, 'restart carbon'), ['mgr', 'wrk1', 'wrk2']);
    for (const h of ['mgr', 'wrk1', 'wrk2'] as const) assert.notEqual(await nodePid(lab, h), before[h], `${h} restarted`);
    const logs = Object.fromEntries(await Promise.all(['mgr', 'wrk1', 'wrk2'].map(async (h) => [h, await nodeLog(lab, h)] as const)));
    const order = ['mgr', 'wrk1', 'wrk2'];
    for (let i = 1; i < order.length; i++) {
      const prevStarted = logTimes(logs[order[i - 1]!]!, /WSO2 Carbon started in/).at(-1)!;
      const stopping = logTimes(logs[order[i]!]!, /Shutdown hook triggered/).at(-1)!;
      assert.ok(prevStarted <= stopping, `${order[i]} stopped only after ${order[i - 1]} was back`);
    }
    for (const h of ['mgr', 'wrk1', 'wrk2']) {
      const ds = await fs.readFile(lab.path(h, '/opt/wso2esb-4.9.0/repository/conf/datasources/master-datasources.xml'), 'utf8');
      assert.equal(
        ds.split('<password>Rot&amp;&lt;at&gt;ed"pw\'2$\\x</password>').length - 1,
        2,
        `${h}: both datasources hold the new password`,
      );
    }
  });

  it('afterwards verify.yml passes and the database takes only the new password', async () => {
    const v = await site.run('verify.yml');
    assert.equal(v.code, 0, explain(v));
    keep('verify.yml after the rotation --output json', v);
    assert.equal(await dbLogin(NEW_PASSWORD), 'ok');
    assert.match(await dbLogin(oldPassword), /Access denied for user 'wso2carbon'@'127\.10\.\d+\.\d+' \(using password: YES\)/);
    const again = await site.run('site.yml');
    assert.ok(
      Object.values(again.json.stats).every((s) => (s.changed ?? 0) === 0),
      'the rotation is done: a rerun changes nothing',
    );
  });

  it('no form of the old or the new password appears in any output: human -vvv, JSON, diffs, check and run', () => {
    assert.ok(channels.length >= 12);
    const hits: string[] = [];
    for (const [which, value] of [
      ['old', oldPassword],
      ['new', NEW_PASSWORD],
    ] as const) {
      for (const form of secretForms(value)) {
        for (const c of channels) if (c.text.includes(form)) hits.push(`${which} password as ${JSON.stringify(form)} in ${c.what}`);
      }
    }
    assert.deepEqual(hits, []);
    const all = channels.map((c) => c.text).join('\n');
    assert.match(all, /<password>\*{8}<\/password>/, 'the datasource diffs are there, masked');
  });

  it('certificates: renewed when they expire within ssl_remaining_days, and when they no longer match the key; nginx serves the new one after a checked reload', async () => {
    const ssl = '/etc/nginx/ssl';
    // near expiry: the same key and name, valid for 5 more days (ssl_remaining_days is 30)
    const r1 = await lab.exec('lb', [
      'openssl',
      'req',
      '-x509',
      '-new',
      '-key',
      `${ssl}/wrk.key`,
      '-subj',
      `/CN=${ESB_HOST}`,
      '-addext',
      `subjectAltName=DNS:${ESB_HOST}`,
      '-days',
      '5',
      '-out',
      `${ssl}/wrk.crt`,
    ]);
    assert.equal(r1.code, 0, r1.stderr);
    await lab.exec('lb', ['service', 'nginx', 'reload']);
    const soon = await waitForServed(lb.address, ESB_HOST, (c) => Date.parse(c.valid_to) - Date.now() < 6 * 86_400_000);
    assert.ok(Date.parse(soon.valid_to) - Date.now() < 6 * 86_400_000, `nginx serves the short-lived certificate: ${soon.valid_to}`);
    const renew = await site.run('site.yml', '--limit', 'lb');
    assert.equal(renew.code, 0, explain(renew));
    assert.deepEqual(handlerHosts(renew, 'check nginx configuration'), ['lb']);
    assert.deepEqual(handlerHosts(renew, 'nginx reloaded'), ['lb']);
    const renewed = await waitForServed(lb.address, ESB_HOST, (c) => Date.parse(c.valid_to) - Date.now() > 300 * 86_400_000);
    assert.ok(Date.parse(renewed.valid_to) - Date.now() > 300 * 86_400_000, `renewed for ssl_valid_days: ${renewed.valid_to}`);

    // key mismatch: a new key behind the certificate's back; the certificate is made again for it
    const r2 = await lab.exec('lb', ['openssl', 'genrsa', '-out', `${ssl}/wrk.key`, '2048']);
    assert.equal(r2.code, 0, r2.stderr);
    const rekey = await site.run('site.yml', '--limit', 'lb');
    assert.equal(rekey.code, 0, explain(rekey));
    const pub = async (argv: string[]) => (await lab.exec('lb', argv)).stdout;
    const keyPub = await pub(['openssl', 'pkey', '-in', `${ssl}/wrk.key`, '-pubout']);
    assert.equal(
      await pub(['openssl', 'x509', '-in', `${ssl}/wrk.crt`, '-noout', '-pubkey']),
      keyPub,
      'the certificate matches the key again',
    );
    const fileFingerprint = (await pub(['openssl', 'x509', '-in', `${ssl}/wrk.crt`, '-noout', '-fingerprint', '-sha256']))
      .trim()
      .split('=')[1];
    const served = await waitForServed(lb.address, ESB_HOST, (c) => c.fingerprint256 === fileFingerprint);
    assert.equal(served.fingerprint256, fileFingerprint, 'nginx serves the new certificate');
    const after = await site.run('site.yml', '--limit', 'lb');
    assert.equal(after.json.stats.lb!.changed, 0, 'and then leaves it alone');
  });
});
