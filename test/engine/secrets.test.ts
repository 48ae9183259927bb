// Secrets: a Secret var reaches the host's file in clear, but no output (human, JSON, diff, events, errors) shows it.

import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { ConsoleReporter } from '../../src/report/console-reporter.js';
import { JsonReporter } from '../../src/report/json-reporter.js';
import { Secret } from '../../src/vars/secret.js';
import type { RunEvent } from '../../src/report/events.js';
import { makeProject, runLib, type Project } from './helpers.js';

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
