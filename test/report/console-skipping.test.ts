// The human output of skipped loops, line for line as ansible-playbook prints them.

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
