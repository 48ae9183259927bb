// Vault values in every place the loader reads them: group_vars (inline), host_vars and vars_files (whole files), -e @file, copy/template sources.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hashHosts, makeProject, runCli, stackLines, type Project } from '../engine/helpers.js';
import { ansibleVault } from './vault-helpers.js';
import { formatVaultString } from '../../src/cli/vault-command.js';
import { keyring } from './vault-helpers.js';

const DB = 'db-P&ss<1>';
const TOKEN = 'tok-h1-"quoted"';
const API = 'api-K3y-prod';
const FILE_SECRET = 'file-secret-line';
const TPL_SECRET = 'template-literal-secret';
const ALL = [DB, TOKEN, API, FILE_SECRET, TPL_SECRET];

const SITE = `- hosts: all
  vars_files: [vars/secrets.yml]
  tasks:
    - name: db password
      lineinfile: { path: "{{ root_dir }}/app.conf", create: true, line: "password={{ db_password }}" }
    - name: token on h1 only
      lineinfile: { path: "{{ root_dir }}/app.conf", line: "token={{ h1_token }}" }
      when: inventory_hostname == 'h1'
    - name: api key from vars_files
      lineinfile: { path: "{{ root_dir }}/app.conf", line: "api={{ api_key_value }}" }
    - name: vaulted copy source
      copy: { src: secret.conf, dest: "{{ root_dir }}/secret.conf" }
    - name: vaulted template
      template: { src: app.j2, dest: "{{ root_dir }}/templated.conf" }
`;

describe('vault: loader integration (inline, whole files, copy and template sources)', function () {
  this.timeout(60000);
  let p: Project;
  beforeEach(() => {
    p = makeProject({ hosts: ['h1', 'h2'] });
    p.write('pw', 'main-pw\n');
    p.write('pw-prod', 'prod-pw\n');
    // inline !vault made by the real ansible-vault encrypt_string
    const inline = ansibleVault(['encrypt_string', '--vault-password-file', 'pw', DB, '--name', 'db_password'], { cwd: p.dir });
    p.write('inventory/group_vars/all.yml', `# group vars\nplain_setting: 1\n${inline}\n`);
    const k = keyring(['default', 'main-pw'], ['prod', 'prod-pw']);
    p.write('inventory/host_vars/h1.yml', k.encrypt(Buffer.from(`h1_token: '${TOKEN}'\n`), 'default'));
    p.write('vars/secrets.yml', k.encrypt(Buffer.from(`api_key_value: ${API}\n`), 'prod'));
    p.write('files/secret.conf', k.encrypt(Buffer.from(`${FILE_SECRET}\n`), 'default'));
    p.write('templates/app.j2', k.encrypt(Buffer.from(`db={{ db_password }}\nliteral=${TPL_SECRET}\n`), 'default'));
    p.write('site.yml', SITE);
  });
  afterEach(() => p.cleanup());

  const args = () => ['--vault-password-file', path.join(p.dir, 'pw'), '--vault-id', `prod@${path.join(p.dir, 'pw-prod')}`];

  it('decrypts every kind of vault; hosts get the clear values; no output shows them', async () => {
    const r = await runCli(p, 'site.yml', ...args(), '--diff', '-vvv');
    const out = r.out + r.err;
    assert.equal(r.code, 0, out);
    const h1 = p.read('h1', 'app.conf');
    assert.equal(h1, `password=${DB}\ntoken=${TOKEN}\napi=${API}\n`);
    assert.equal(p.read('h2', 'app.conf'), `password=${DB}\napi=${API}\n`);
    assert.equal(p.read('h1', 'secret.conf'), `${FILE_SECRET}\n`);
    assert.equal(p.read('h2', 'templated.conf'), `db=${DB}\nliteral=${TPL_SECRET}\n`);
    for (const s of ALL) assert.equal(out.includes(s), false, `${s} in output:\n${out}`);
    assert.match(out, /\+password=\*{8}/);
    assert.match(out, /TASK \[vaulted template\][^]*changed: \[h2\]/, 'the vaulted template task ran (its diff is hidden)');
  });

  it('without a password: exit 5 before any host is touched, naming the file:line and saying vault', async () => {
    const before = hashHosts(p);
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 5, r.out + r.err);
    assert.match(r.err, /group_vars\/all\.yml:3:\d+: inline !vault value: vault-encrypted data but no vault password was given/);
    assert.deepEqual(stackLines(r.err), []);
    assert.deepEqual(hashHosts(p), before);
  });

  it('a whole-file vault (vars_files) with the wrong or missing id: exit 5 naming the file and vault id, nothing touched', async () => {
    const before = hashHosts(p);
    p.write('pw-wrong', 'nope\n');
    const r = await runCli(p, 'site.yml', '--vault-password-file', path.join(p.dir, 'pw'), '--vault-id', `prod@${path.join(p.dir, 'pw-wrong')}`);
    assert.equal(r.code, 5, r.out + r.err);
    assert.match(r.err, /vars\/secrets\.yml:1:1: vault-encrypted file .*secrets\.yml: vault decryption failed: wrong vault password or tampered data \(vault id 'prod' in the header; tried prod/);
    assert.doesNotMatch(r.err, /nope|prod-pw|main-pw/);
    assert.deepEqual(hashHosts(p), before);
  });

  it('a vaulted copy source without its password is found in the preflight', async () => {
    p.write('site2.yml', `- hosts: all\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/x", create: true, line: a }\n    - copy: { src: secret.conf, dest: "{{ root_dir }}/s" }\n`);
    p.write('inventory/group_vars/all.yml', 'plain: 1\n');
    p.write('inventory/host_vars/h1.yml', 'plain: 2\n');
    const before = hashHosts(p);
    const r = await runCli(p, 'site2.yml');
    assert.equal(r.code, 5, r.out + r.err);
    assert.match(r.err, /files\/secret\.conf:1:1: vault-encrypted file .*no vault password was given/);
    assert.deepEqual(hashHosts(p), before);
  });

  it('-e @vaulted-file, the ESBPLAY_VAULT_PASSWORD_FILE variable, and !secret in vars files and -e', async () => {
    p.write('inventory/group_vars/all.yml', 'marked: !secret marked-plain-secret\n');
    p.write('inventory/host_vars/h1.yml', 'x: 1\n');
    p.write('extra.yml', keyring(['default', 'main-pw']).encrypt(Buffer.from('extra_value: extra-vault-value\n')));
    p.write('site3.yml', `- hosts: all\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/e.conf", create: true, line: "{{ extra_value }} {{ marked }} {{ inline }}" }\n`);
    const saved = process.env.ESBPLAY_VAULT_PASSWORD_FILE;
    process.env.ESBPLAY_VAULT_PASSWORD_FILE = path.join(p.dir, 'pw');
    let r;
    try {
      r = await runCli(p, 'site3.yml', '-e', `@${path.join(p.dir, 'extra.yml')}`, '-e', '{inline: !secret cli-secret-value}', '--diff', '-v', '--output', 'json');
    } finally {
      if (saved === undefined) delete process.env.ESBPLAY_VAULT_PASSWORD_FILE;
      else process.env.ESBPLAY_VAULT_PASSWORD_FILE = saved;
    }
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(p.read('h2', 'e.conf'), 'extra-vault-value marked-plain-secret cli-secret-value\n');
    for (const s of ['extra-vault-value', 'marked-plain-secret', 'cli-secret-value']) assert.equal((r.out + r.err).includes(s), false, s);
    JSON.parse(r.out);
  });

  it('an inline value written by `esbplay vault encrypt_string` loads like one from ansible-vault', async () => {
    const k = keyring(['default', 'main-pw']);
    p.write('inventory/group_vars/all.yml', `${formatVaultString(k.encrypt(Buffer.from(DB)), 'db_password')}\n`);
    p.write('inventory/host_vars/h1.yml', 'x: 1\n');
    p.write('site4.yml', `- hosts: all\n  tasks:\n    - copy: { content: "{{ db_password }}", dest: "{{ root_dir }}/c" }\n`);
    const r = await runCli(p, 'site4.yml', '--vault-password-file', path.join(p.dir, 'pw'));
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(p.file('h1', 'c'), 'utf8'), DB);
  });
});
