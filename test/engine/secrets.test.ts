// Secrets: a Secret var reaches the host's file in clear, but no output (human, JSON, diff, events, errors) shows it.

import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { ConsoleReporter } from '../../src/report/console-reporter.js';
import { JsonReporter } from '../../src/report/json-reporter.js';
import { Secret } from '../../src/vars/secret.js';
import type { RunEvent } from '../../src/report/events.js';
import { makeProject, runCli, runLib, type Project } from './helpers.js';

const SECRET = 's3cr3t';

/** Runs with both reporters attached (human with diff and -vv) and returns all text they printed. */
async function runReported(p: Project, playbook: string, opts: { check?: boolean; dryRun?: boolean } = {}) {
  const human = new PassThrough();
  const json = new PassThrough();
  let text = '';
  human.on('data', (d: Buffer) => (text += d.toString()));
  json.on('data', (d: Buffer) => (text += d.toString()));
  const c = new ConsoleReporter({ out: human, diff: true, verbosity: 2 });
  const j = new JsonReporter(json, true);
  const r = await runLib(p, playbook, {
    ...opts, diff: true, verbosity: 2,
    extraVars: { db_password: new Secret(SECRET) },
    onEvent: (e: RunEvent) => { c.onEvent(e); j.onEvent(e); },
  });
  await new Promise((res) => setImmediate(res));
  return { r, text, events: JSON.stringify(r.events) };
}

const SITE = `- hosts: h1
  tasks:
    - name: write password
      lineinfile: { path: "{{ root_dir }}/db.conf", regexp: '^password=', line: "password={{ db_password }}" }
      register: written
    - name: block with password
      blockinfile: { path: "{{ root_dir }}/block.conf", create: true, block: "user=app\\npass={{ db_password }}" }
    - name: derived fact
      set_fact: { dsn: "mysql://app:{{ db_password }}@db/x" }
    - name: show
      debug: { msg: "dsn is {{ dsn }}, registered {{ written }}" }
    - name: fail with it
      fail: { msg: "bad password {{ db_password }}" }
      ignore_errors: true
`;

describe('engine: secrets', () => {
  let p: Project;
  beforeEach(() => {
    p = makeProject({ seed: { 'db.conf': 'user=app\npassword=old\n' } });
    p.write('site.yml', SITE);
  });
  afterEach(() => p.cleanup());

  it('the file gets the real value; human, JSON, diff and events never show it', async () => {
    const { r, text, events } = await runReported(p, 'site.yml');
    assert.equal(r.exitCode, 0, text);
    assert.equal(p.read('h1', 'db.conf'), `user=app\npassword=${SECRET}\n`);
    assert.match(p.read('h1', 'block.conf'), new RegExp(`pass=${SECRET}\n`));
    assert.match(text, /TASK \[show\]/);
    assert.match(text, /^\+password=\*{8}$/m, 'the diff is printed, masked');
    if (process.env.SHOW) console.log(text);
    assert.equal(text.includes(SECRET), false, `secret in output:\n${text}`);
    assert.equal(events.includes(SECRET), false, 'secret in events');
  });

  it('check mode diffs and dry-run plans mask it too', async () => {
    for (const opts of [{ check: true }, { dryRun: true }]) {
      const { text, events } = await runReported(p, 'site.yml', opts);
      assert.ok(text.length > 0);
      assert.equal(text.includes(SECRET), false, `${JSON.stringify(opts)}:\n${text}`);
      assert.equal(events.includes(SECRET), false);
    }
    assert.equal(p.read('h1', 'db.conf'), 'user=app\npassword=old\n');
  });

  it('an error message that would contain it is masked', async () => {
    p.write('err.yml', `- hosts: h1\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/{{ db_password }}/x.conf", line: "a" }\n`);
    const { r, text } = await runReported(p, 'err.yml');
    assert.equal(r.exitCode, 2);
    assert.match(text, /\*{8}\/x\.conf/);
    assert.equal(text.includes(SECRET), false, text);
  });
});

describe('engine: secrets by name, in role defaults, and marked with !secret', () => {
  let p: Project;
  beforeEach(() => {
    p = makeProject({ hosts: ['h1'], seed: { 'ds.xml': '<ds>\n  <url>jdbc:old</url>\n  <user>app</user>\n  <password>old-context-pw</password>\n</ds>\n' } });
    p.write('roles/db/defaults/main.yml', 'esb_db_password: role-default-pw\nesb_db_user: app\n');
    p.write('roles/db/tasks/main.yml', '- lineinfile: { path: "{{ root_dir }}/db.conf", create: true, line: "password={{ esb_db_password }}" }\n');
    p.write('site.yml', `- hosts: all
  roles: [db]
  tasks:
    - name: other line of a file holding an old password
      xml: { path: "{{ root_dir }}/ds.xml", xpath: /ds/url, value: jdbc:new }
    - name: literal marked secret
      xml: { path: "{{ root_dir }}/ds.xml", xpath: /ds/user, value: !secret literal-marked-pw }
`);
  });
  afterEach(() => p.cleanup());

  it('a role default named like a password never shows in --dry-run, --diff -vv or JSON; context lines hide it too', async () => {
    for (const args of [['--dry-run', '-vv'], ['--check', '--diff', '-vv', '--output', 'json'], ['--diff', '-vv']]) {
      const r = await runCli(p, 'site.yml', ...args);
      const out = r.out + r.err;
      assert.equal(r.code, 0, out);
      for (const s of ['role-default-pw', 'old-context-pw', 'literal-marked-pw']) assert.equal(out.includes(s), false, `${args.join(' ')} shows ${s}:\n${out}`);
    }
    assert.equal(p.read('h1', 'db.conf'), 'password=role-default-pw\n');
    assert.match(p.read('h1', 'ds.xml'), /<user>literal-marked-pw<\/user>/);
  });

  it('--no-mask-secret-names shows name-based values (vault and !secret values stay masked)', async () => {
    const r = await runCli(p, 'site.yml', '--dry-run', '--no-mask-secret-names');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /password=role-default-pw/);
    assert.equal(r.out.includes('literal-marked-pw'), false);
    const run = await runCli(p, 'site.yml', '--diff', '--no-mask-secret-names');
    assert.match(run.out, /\+password=role-default-pw/);
  });
});

describe('engine: no_log in --dry-run', () => {
  it('hides the rendered arguments of a no_log task from the plan (human and JSON)', async () => {
    const p = makeProject({ hosts: ['h1'] });
    try {
      p.write('site.yml', `- hosts: all\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/a", create: true, line: "token=plain-but-private" }\n      no_log: true\n    - lineinfile: { path: "{{ root_dir }}/b", create: true, line: "shown=public-value" }\n`);
      for (const extra of [[], ['--output', 'json']]) {
        const r = await runCli(p, 'site.yml', '--dry-run', ...extra);
        assert.equal(r.code, 0, r.err);
        assert.equal(r.out.includes('plain-but-private'), false, r.out);
        assert.match(r.out, /no_log: true/);
        assert.match(r.out, /public-value/);
      }
    } finally {
      p.cleanup();
    }
  });
});
