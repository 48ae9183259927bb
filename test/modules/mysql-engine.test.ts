// The mysql modules and the certificate pair in real playbook runs: idempotent, rotation, and no password or key in any output.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { ConsoleReporter } from '../../src/report/console-reporter.js';
import { JsonReporter } from '../../src/report/json-reporter.js';
import type { HostResultEvent, RunEvent } from '../../src/report/events.js';
import { Secret } from '../../src/vars/secret.js';
import { quoteString } from '../../src/modules/mysql-quote.js';
import { makeProject, runLib, type Project } from '../engine/helpers.js';
import { tryLogin } from './mysql-probe.js';
import { useMariadb } from './mysql-server.js';

const SITE = `- hosts: h1
  tasks:
    - name: databases
      mysql_db: { name: [wso2_reg, wso2_um], encoding: latin1, login_unix_socket: "{{ sock }}" }
    - name: node accounts
      mysql_user:
        name: wso2
        host: "{{ item }}"
        password: "{{ rotation_value }}"
        priv: "wso2_reg.*:ALL/wso2_um.*:ALL"
        login_unix_socket: "{{ sock }}"
      loop: "{{ nodes }}"
    - name: schema table
      mysql_query: { login_db: wso2_reg, query: "CREATE TABLE IF NOT EXISTS kv (k VARCHAR(20) PRIMARY KEY, v TEXT)", login_unix_socket: "{{ sock }}" }
    - name: bound secret
      mysql_query: { login_db: wso2_reg, query: "INSERT IGNORE INTO kv VALUES ('token', %s)", positional_args: ["{{ api_token }}"], login_unix_socket: "{{ sock }}" }
    - name: read back
      mysql_query: { login_db: wso2_reg, query: "SELECT COUNT(*) AS n FROM kv", login_unix_socket: "{{ sock }}" }
      register: counted
    - name: key
      openssl_privatekey: { path: "{{ root_dir }}/lb.key", size: 2048 }
    - name: certificate
      x509_certificate: { path: "{{ root_dir }}/lb.crt", privatekey_path: "{{ root_dir }}/lb.key", common_name: "{{ server_name }}" }
`;

describe('mysql_* and the certificate pair in playbook runs', function () {
  const suite = useMariadb();
  let p: Project;
  before(() => {
    const db = suite.db;
    p = makeProject({ hosts: ['h1'], hostVars: { h1: { sock: db.socket, nodes: [`${db.subnet}.2`, `${db.subnet}.3`], server_name: 'lb.esb.example' } } });
    p.write('site.yml', SITE);
  });
  after(() => p?.cleanup());

  /** Runs with both reporters (human -vv with diffs, JSON) and returns everything printed plus the events. */
  async function runReported(vars: Record<string, unknown>, check = false) {
    const human = new PassThrough();
    const json = new PassThrough();
    let text = '';
    human.on('data', (d: Buffer) => (text += d.toString()));
    json.on('data', (d: Buffer) => (text += d.toString()));
    const c = new ConsoleReporter({ out: human, diff: true, verbosity: 3 });
    const j = new JsonReporter(json, true);
    const r = await runLib(p, 'site.yml', { check, diff: true, verbosity: 3, extraVars: { api_token: new Secret('Tok3n-\'quoted\'-value'), ...vars }, onEvent: (e: RunEvent) => { c.onEvent(e); j.onEvent(e); } });
    await new Promise((res) => setImmediate(res));
    const results = r.events.filter((e): e is HostResultEvent => e.type === 'host_result');
    const changed = results.filter((e) => e.status === 'changed').map((e) => e.task.name);
    // what the modules said: a custom apply's `changed` (mysql_query) is in the result
    const saidChanged = results.filter((e) => e.result.changed === true).map((e) => e.task.name);
    return { r, text: text + JSON.stringify(r.events), changed, saidChanged };
  }

  const assertHidden = (text: string, ...secrets: string[]) => {
    for (const s of secrets) for (const form of [s, quoteString(s), JSON.stringify(s).slice(1, -1)]) {
      assert.equal(text.includes(form), false, `'${form}' appears in the output`);
    }
    assert.doesNotMatch(text, /PRIVATE KEY|MII[A-Za-z0-9+/]{20}/, 'private key in the output');
  };

  it('first run creates everything, the second changes nothing, a rotation changes only the accounts', async () => {
    const first = await runReported({ rotation_value: 'Old-Pa$$\'w0rd"1' });
    assert.equal(first.r.exitCode, 0, first.text);
    assert.deepEqual(first.changed, ['databases', 'node accounts', 'schema table', 'bound secret', 'key', 'certificate']);
    assertHidden(first.text, 'Old-Pa$$\'w0rd"1', 'Tok3n-\'quoted\'-value');
    const key = readFileSync(p.file('h1', 'lb.key'));

    const second = await runReported({ rotation_value: 'Old-Pa$$\'w0rd"1' });
    assert.equal(second.r.exitCode, 0, second.text);
    assert.deepEqual(second.saidChanged, [], 'second run: every module says nothing changed (no changed_when needed)');
    // a custom change's apply that says changed: false (mysql_query) makes the task ok
    assert.deepEqual(second.changed, []);

    const check = await runReported({ rotation_value: 'New-Pa$$\\w0rd;2' }, true);
    assert.equal(check.r.exitCode, 0, check.text);
    // writes of mysql_query cannot be predicted: check mode reports them as would-run
    assert.deepEqual(check.changed, ['node accounts', 'schema table', 'bound secret']);
    assert.match(check.text, /ALTER USER 'wso2'@'127\.10\.\d+\.2' IDENTIFIED BY \*{8}/);
    const db = suite.db;
    assert.deepEqual(await tryLogin({ address: db.address, port: db.port, localAddress: `${db.subnet}.2`, user: 'wso2', password: 'Old-Pa$$\'w0rd"1' }), { ok: true }, '--check changed the password');

    const rotated = await runReported({ rotation_value: 'New-Pa$$\\w0rd;2' });
    if (process.env.SHOW) console.log(rotated.text.slice(0, 6000));
    assert.equal(rotated.r.exitCode, 0, rotated.text);
    assert.deepEqual(rotated.saidChanged, ['node accounts']);
    assert.match(rotated.text, /mysql_user wso2/, 'the diff header is shown');
    assertHidden(check.text + rotated.text, 'Old-Pa$$\'w0rd"1', 'New-Pa$$\\w0rd;2', 'Tok3n-\'quoted\'-value');
    for (const node of [2, 3]) {
      const from = `${db.subnet}.${node}`;
      assert.equal((await tryLogin({ address: db.address, port: db.port, localAddress: from, user: 'wso2', password: 'Old-Pa$$\'w0rd"1' })).ok, false);
      assert.deepEqual(await tryLogin({ address: db.address, port: db.port, localAddress: from, user: 'wso2', password: 'New-Pa$$\\w0rd;2' }), { ok: true });
    }
    assert.deepEqual(readFileSync(p.file('h1', 'lb.key')), key, 'the key was not regenerated');
  });

  it('mysql_query tasks whose statements changed nothing (IF NOT EXISTS, INSERT IGNORE of an existing row) are ok in the recap', async () => {
    p.write('writes.yml', `- hosts: h1
  tasks:
    - name: update
      mysql_query: { login_db: wso2_reg, query: "UPDATE kv SET v = %s WHERE k = 'token'", positional_args: ["{{ value }}"], login_unix_socket: "{{ sock }}" }
      notify: said changed
    - name: schema table
      mysql_query: { login_db: wso2_reg, query: "CREATE TABLE IF NOT EXISTS kv (k VARCHAR(20) PRIMARY KEY, v TEXT)", login_unix_socket: "{{ sock }}" }
      notify: said changed
  handlers:
    - name: said changed
      debug: { msg: notified }
`);
    const run = async (value: string) => {
      const r = await runLib(p, 'writes.yml', { extraVars: { value } });
      assert.equal(r.exitCode, 0);
      const results = r.events.filter((e): e is HostResultEvent => e.type === 'host_result');
      return { status: Object.fromEntries(results.map((e) => [e.task.name, e.status])), stats: r.stats.h1! };
    };
    const first = await run('changed-value');
    assert.deepEqual(first.status, { update: 'changed', 'schema table': 'ok', 'said changed': 'ok' });
    assert.equal(first.stats.changed, 1);
    // the same UPDATE again changes no row: ok, nothing notified, changed=0 in the recap
    const again = await run('changed-value');
    assert.deepEqual(again.status, { update: 'ok', 'schema table': 'ok' });
    assert.equal(again.stats.changed, 0);
  });
});
