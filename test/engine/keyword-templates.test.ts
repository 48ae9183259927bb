// Keywords written as templates (become, become_user, ignore_errors, no_log, check_mode, run_once, any_errors_fatal, retries, delay, max_fail_percentage) are rendered per host.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { hashHosts, hostResults, makeProject, play, resultKeys, runCli, runLib, stackLines, type Project } from './helpers.js';

describe('engine: templated keywords', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ hosts: ['h1', 'h2'], hostVars: { h1: { flag: true }, h2: { flag: false } } })));
  afterEach(() => p.cleanup());

  const stdoutOf = (events: Awaited<ReturnType<typeof runLib>>['events'], host: string, name: string) =>
    hostResults(events).find((e) => e.host === host && e.task.name === name)?.result.stdout;

  it('become and become_user rendered per host: "{{ flag | bool }}" becomes nobody on h1 only', async () => {
    p.write('site.yml', play(`- name: who
  command: id -un
  become: "{{ flag | bool }}"
  become_user: "{{ user_var }}"
  vars: { user_var: nobody }`));
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(stdoutOf(r.events, 'h1', 'who'), 'nobody');
    assert.equal(stdoutOf(r.events, 'h2', 'who'), 'root');
  });

  it('ignore_errors, check_mode and no_log take their host\'s value', async () => {
    p.write('site.yml', play(`- name: may fail
  fail: { msg: boom }
  ignore_errors: "{{ flag }}"
- name: write
  copy: { dest: "{{ root_dir }}/out", content: "x" }
  check_mode: "{{ not flag }}"
- name: secret
  debug: { msg: "s3cret-{{ inventory_hostname }}" }
  no_log: "{{ 'yes' if flag else 'no' }}"`));
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    const failures = hostResults(r.events).filter((e) => e.status === 'failed').map((e) => `${e.host}|${e.ignored}`).sort();
    assert.deepEqual(failures, ['h1|true', 'h2|false']);
    // h2 failed before 'write'; h1 wrote for real (check_mode false there)
    assert.equal(p.read('h1', 'out'), 'x');
    const secret = hostResults(r.events).find((e) => e.host === 'h1' && e.task.name === 'secret');
    assert.doesNotMatch(JSON.stringify(secret?.result), /s3cret/);
  });

  it('check_mode: "{{ true }}" writes nothing', async () => {
    p.write('site.yml', play(`- copy: { dest: "{{ root_dir }}/out", content: "x" }\n  check_mode: "{{ flag or not flag }}"`));
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    for (const h of p.hosts) assert.equal(existsSync(p.file(h, 'out')), false);
  });

  it('run_once and any_errors_fatal from play vars', async () => {
    p.write('site.yml', `- hosts: all
  vars: { once: "yes", fatal: true }
  tasks:
    - name: once
      shell: echo x >> "{{ root_dir }}/once"
      run_once: "{{ once }}"
    - name: fails on h1
      fail: { msg: boom }
      when: inventory_hostname == 'h1'
      any_errors_fatal: "{{ fatal }}"
    - name: after
      shell: echo x >> "{{ root_dir }}/after"
`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    assert.equal(existsSync(p.file('h1', 'once')), true);
    assert.equal(existsSync(p.file('h2', 'once')), false);
    assert.equal(existsSync(p.file('h2', 'after')), false, 'any_errors_fatal rendered true stops h2');
  });

  it('a value that renders to a non-boolean is exit 5 at the keyword\'s file:line, before any host is touched', async () => {
    p.write('site.yml', play(`- copy: { dest: "{{ root_dir }}/first", content: "x" }
- command: id -un
  become: "{{ mode }}"
  vars: { mode: maybe }`));
    const before = hashHosts(p);
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 5, r.out + r.err);
    assert.match(r.err, /site\.yml:5:\d+: 'become' must be true or false, got "maybe"/);
    assert.deepEqual(stackLines(r.err), []);
    assert.deepEqual(hashHosts(p), before);
  });

  it('retries, delay and max_fail_percentage as templates', async () => {
    p.write('site.yml', `- hosts: all
  vars: { n: 2, d: "0", mf: 0 }
  max_fail_percentage: "{{ mf }}"
  tasks:
    - shell: echo x >> "{{ root_dir }}/tries"; false
      register: r
      until: r.rc == 0
      retries: "{{ n }}"
      delay: "{{ d }}"
      ignore_errors: true
    - fail: { msg: boom }
      when: inventory_hostname == 'h1'
- hosts: all
  tasks:
    - copy: { dest: "{{ root_dir }}/second-play", content: x }
`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    for (const h of p.hosts) assert.equal(p.read(h, 'tries'), 'x\nx\nx\n', `${h}: 1 attempt + 2 retries`);
    for (const h of p.hosts) assert.equal(existsSync(p.file(h, 'second-play')), false, 'max_fail_percentage 0 ended the playbook');
  });

  it('retries: "{{ word }}" that is no number is exit 5 at its line', async () => {
    p.write('site.yml', play(`- command: "true"
  register: r
  until: r.rc == 0
  retries: "{{ word }}"
  vars: { word: many }`));
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 5, r.out + r.err);
    assert.match(r.err, /site\.yml:6:\d+: 'retries' must be a number, got "many"/);
  });

  it('run_once from a registered result: the preflight leaves it to run time, where it holds', async () => {
    p.write('site.yml', play(`- command: echo hi
  register: r
- name: once
  shell: echo x >> "{{ root_dir }}/once"
  run_once: "{{ r.rc == 0 }}"`));
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.deepEqual(p.hosts.map((h) => existsSync(p.file(h, 'once'))), [true, false]);
  });

  it('a keyword whose value comes from a registered result is rendered at run time; a bad one fails that host with file:line', async () => {
    p.write('site.yml', play(`- command: echo "{{ 'true' if flag else 'sometimes' }}"
  register: out
- name: uses it
  debug: { msg: hi }
  ignore_errors: "{{ out.stdout }}"`));
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    assert.deepEqual(resultKeys(r.events, 'ok').filter((k) => k.endsWith('uses it')), ['h1|uses it']);
    const bad = hostResults(r.events).find((e) => e.host === 'h2' && e.task.name === 'uses it');
    assert.equal(bad?.status, 'failed');
    assert.match(String(bad?.msg), /site\.yml:7:\d+: 'ignore_errors' must be true or false, got "sometimes"/);
  });
});
