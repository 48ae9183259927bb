// The grep test: a vault secret with characters every format escapes, written into XML, JSON, properties, a command,
// an environment variable and a URL, then rotated; every channel of every mode is grep'd for every form of both values.

import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { escapeText } from '../../src/xml/encoding.js';
import { secretForms } from '../../src/report/secret-forms.js';
import { MIN_MASKED_LENGTH } from '../../src/vars/secret.js';
import { formatVaultString } from '../../src/cli/vault-command.js';
import type { RunEvent } from '../../src/report/events.js';
import { buildKeyring } from '../../src/vault/password-sources.js';
import { makeProject, runCli, runLib, type Project } from './helpers.js';
import { STOCK_FILES } from '../stock-files.js';

const OLD = `A&ss<w0rd>"'$x\`y/?=%+ é\\z!`;
const NEW = `B!n3w&<pa55>"'$(id)\`/?=% ü\\q`;
const DATASOURCES = `${STOCK_FILES}/5.0.0/repository/conf/datasources/master-datasources.xml`;
const PW_XPATH = "/datasources-configuration/datasources/datasource[name='WSO2_CARBON_DB']/definition/configuration/password";

const site = (url: string) => `- hosts: all
  tasks:
    - name: datasource password (XML text)
      xml: { path: "{{ root_dir }}/master-datasources.xml", xpath: "${PW_XPATH}", value: "{{ db_password }}" }
    - name: attribute (XML attribute)
      xml: { path: "{{ root_dir }}/app.xml", xpath: /app/db, attribute: password, value: "{{ db_password }}" }
    - name: JSON file
      copy: { content: "{{ {'user': 'app', 'password': db_password} | to_json }}\\n", dest: "{{ root_dir }}/app.json" }
    - name: properties line
      lineinfile: { path: "{{ root_dir }}/db.conf", regexp: '^password=', line: "password={{ db_password }}" }
    - name: base64 of it
      lineinfile: { path: "{{ root_dir }}/db.conf", regexp: '^b64=', line: "b64={{ db_password | b64encode }}" }
    - name: command argv
      command: { argv: [printf, "%s\\n", "{{ db_password }}"] }
      register: printed
      changed_when: false
    - name: environment of a shell
      shell: printf '%s' "$PW"
      environment: { PW: "{{ db_password }}" }
      changed_when: false
    - name: url
      uri: { url: "${url}?pw={{ db_password }}", return_content: true }
    - name: derived message
      debug: { msg: "dsn=mysql://app:{{ db_password }}@db/x printed={{ printed.stdout | default('(check mode)') }}" }
    - name: failure naming it
      fail: { msg: "rejected {{ db_password }}" }
      ignore_errors: true
`;

describe('engine: secrets grep (every channel, every form, rotation)', function () {
  this.timeout(120000);
  let p: Project;
  let server: http.Server;
  let url: string;
  const pw = () => path.join(p.dir, 'vault-pass');

  before(async () => {
    server = http.createServer((req, res) => res.end(`you asked for ${req.url}`));
    const net = 200 + Math.floor(Math.random() * 50);
    await new Promise<void>((r) => server.listen(0, `127.10.${net}.1`, r));
    const a = server.address() as AddressInfo;
    url = `http://${a.address}:${a.port}/check`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  beforeEach(() => {
    p = makeProject({ hosts: ['h1', 'h2'], seed: { 'app.xml': '<app>\n  <db user="app" password="none"/>\n</app>\n', 'db.conf': 'user=app\npassword=none\nb64=none\n' } });
    for (const h of p.hosts) copyFileSync(DATASOURCES, p.file(h, 'master-datasources.xml'));
    p.write('vault-pass', 'grep-test-vault-password\n');
    p.write('site.yml', site(url));
  });
  afterEach(() => p.cleanup());

  async function useSecret(value: string): Promise<void> {
    const k = await buildKeyring({ vaultPasswordFiles: [pw()] }, { env: {} });
    p.write('inventory/group_vars/all.yml', `${formatVaultString(k.encrypt(Buffer.from(value, 'utf8')), 'db_password')}\n`);
  }

  const forms = [...new Set([...secretForms(OLD), ...secretForms(NEW)])].filter((f) => f.length >= MIN_MASKED_LENGTH);
  function assertClean(channel: string, text: string): void {
    const hits = forms.filter((f) => text.includes(f));
    assert.deepEqual(hits, [], `${channel} shows a secret form:\n${text}`);
  }

  it('first value then a rotation: human --diff -vvv, --output json, --check, --dry-run and events show no form of either value', async () => {
    const run = async (name: string, ...args: string[]) => {
      const r = await runCli(p, 'site.yml', '--vault-password-file', pw(), ...args);
      assertClean(`${name} stdout`, r.out);
      assertClean(`${name} stderr`, r.err);
      assert.equal(r.code, 0, `${name}:\n${r.out}${r.err}`);
      return r;
    };
    await useSecret(OLD);
    await run('dry-run A', '--dry-run', '-vvv');
    await run('check A', '--check', '--diff', '-vvv');
    const first = await run('run A', '--diff', '-vvv');
    assert.equal(first.code, 0, first.out + first.err);
    // the hosts really hold the value in each format (so the greps above could have failed)
    const ds = p.read('h1', 'master-datasources.xml');
    assert.ok(ds.includes(`<password>${escapeText(OLD, 'utf8')}</password>`), ds);
    assert.equal(JSON.parse(p.read('h2', 'app.json')).password, OLD);
    assert.match(p.read('h1', 'db.conf'), new RegExp(`^password=${OLD.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    assert.match(first.out, /\+ {20}<password>\*{8}<\/password>/, 'the XML diff is shown, masked');
    assert.match(first.out, /you asked for \/check\?pw=\*{8}/, 'the URL form is masked in the uri result');

    // rotation: this run knows only the new value; the old one comes from the files
    await useSecret(NEW);
    await run('dry-run B', '--dry-run', '-vvv');
    const check = await run('check B json', '--check', '--diff', '-vvv', '--output', 'json');
    assert.match(check.out, /-password=\*{8}\\n\+password=\*{8}/, 'the predicted rotation diff masks the old value');
    const events: RunEvent[] = [];
    const lib = await runLib(p, 'site.yml', { check: true, diff: true, verbosity: 3, vault: await buildKeyring({ vaultPasswordFiles: [pw()] }, { env: {} }), onEvent: (e) => events.push(e) });
    assert.equal(lib.exitCode, 0);
    assertClean('events', JSON.stringify(events));
    const second = await run('run B', '--diff', '-vvv');
    assert.equal(second.code, 0, second.out + second.err);
    assert.match(second.out, /^- {20}<password>\*{8}<\/password>\n\+ {20}<password>\*{8}<\/password>$/m, 'the rotation diff is shown with both sides masked');
    assert.match(second.out, /^-  <db user="app" password="\*{8}"\/>$/m);
    assert.ok(p.read('h2', 'master-datasources.xml').includes(`<password>${escapeText(NEW, 'utf8')}</password>`));
    const again = await run('run B again json', '--diff', '-vvv', '--output', 'json');
    assert.equal(JSON.parse(again.out).exit_code, 0);
  });

  it('an error raised before any host is touched is masked too', async () => {
    await useSecret(NEW);
    p.write('bad.yml', '- hosts: all\n  tasks:\n    - file: { path: "{{ root_dir }}/x", state: touch, mode: "{{ db_password }}" }\n');
    const r = await runCli(p, 'bad.yml', '--vault-password-file', pw(), '-vvv');
    assert.equal(r.code, 5, r.out + r.err);
    assert.match(r.err, /mode/);
    assertClean('error', r.out + r.err);
    assert.equal(readFileSync(p.file('h1', 'db.conf'), 'utf8'), 'user=app\npassword=none\nb64=none\n');
  });
});
