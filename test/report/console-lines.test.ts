// Lines of the human output that must read as ansible-playbook prints them: skipped loops, no_log results.

import assert from 'node:assert/strict';
import { makeProject, runCli, type Project } from '../engine/helpers.js';

describe('console: skipped loops', () => {
  let p: Project;
  beforeEach(() => (p = makeProject()));
  afterEach(() => p.cleanup());

  it('a loop skipped item by item ends with a line for the task, and an empty loop prints that line alone', async () => {
    p.write('site.yml', `- hosts: h1
  tasks:
    - name: all skipped
      debug: { msg: "{{ item }}" }
      loop: [1, 2]
      when: false
    - name: empty loop
      debug: { msg: "{{ item }}" }
      loop: []
    - name: some run
      debug: { msg: "{{ item }}" }
      loop: [1, 2]
      when: item == 1
`);
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 0, r.err);
    const section = (name: string) => r.out.split(`TASK [${name}]`)[1]!.split('\n\n')[0]!.split('\n').slice(1);
    assert.deepEqual(section('all skipped'), ['skipping: [h1] => (item=1)', 'skipping: [h1] => (item=2)', 'skipping: [h1]']);
    assert.deepEqual(section('empty loop'), ['skipping: [h1]']);
    assert.ok(!section('some run').includes('skipping: [h1]'), section('some run').join('\n'));
  });
});

describe('console: no_log results', () => {
  let p: Project;
  beforeEach(() => (p = makeProject()));
  afterEach(() => p.cleanup());

  it('a debug task with no_log prints only its status line at verbosity 0 (ansible-playbook 2.14), the censored notice with -v', async () => {
    p.write('site.yml', `- hosts: h1\n  tasks:\n    - name: hidden\n      debug: { msg: "a value" }\n      no_log: true\n`);
    const quiet = await runCli(p, 'site.yml');
    assert.equal(quiet.code, 0, quiet.err);
    assert.deepEqual(quiet.out.split('TASK [hidden]')[1]!.split('\n\n')[0]!.split('\n').slice(1), ['ok: [h1]']);
    const verbose = await runCli(p, 'site.yml', '-v');
    assert.match(verbose.out, /^ok: \[h1\] => \{.*"censored":"the output has been hidden/m);
    assert.doesNotMatch(quiet.out + verbose.out, /a value/);
  });
});
