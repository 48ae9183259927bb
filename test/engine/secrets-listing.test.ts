// --list-hosts, --list-tasks, --list-tags, --syntax-check and --start-at-task load the run inside a masker, as a run does: no secret in their output or errors.

import assert from 'node:assert/strict';
import { makeProject, runCli, stackLines, type Project } from './helpers.js';

const LITERAL = 'Lit-s3cr3t-value';
const NAMED = 'Named-s3cr3t-value';
const EXTRA = 'Extra-s3cr3t-value';

describe('listings are masked as a run is', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ hosts: ['h1'], hostVars: { h1: { svn_password: 'Inv-s3cr3t-value' } } })));
  afterEach(() => p.cleanup());

  const hidden = [LITERAL, NAMED, EXTRA, 'Inv-s3cr3t-value'];
  const clean = (text: string) => hidden.filter((h) => text.includes(h));

  it('an error quoting a line with a !secret literal: masked in every listing mode and with --start-at-task', async () => {
    p.write('site.yml', `- hosts: all\n  tasks:\n    - { debug: { msg: !secret "${LITERAL}" }, bogus_kw: 1 }\n`);
    for (const mode of [['--list-tasks'], ['--list-hosts'], ['--list-tags'], ['--syntax-check'], ['--start-at-task', 'x'], []]) {
      const r = await runCli(p, 'site.yml', ...mode);
      assert.equal(r.code, 5, `${mode.join(' ')}: ${r.err}`);
      assert.match(r.err, /site\.yml:3:\d+: unknown keyword 'bogus_kw'/);
      assert.match(r.err, /msg: !secret \*{8}/, mode.join(' '));
      assert.deepEqual(clean(r.out + r.err), [], mode.join(' '));
      assert.deepEqual(stackLines(r.err), []);
    }
  });

  it('an error on a line with a secret-named value (the load never finished, no masker knows it): masked by its name', async () => {
    p.write('site.yml', `- hosts: all\n  tasks:\n    - { name: x, vars: { db_password: ${NAMED}, n: 1 }, debug: { msg: hi }, bogus_kw: 1 }\n`);
    for (const mode of [['--list-tasks'], ['--syntax-check'], []]) {
      const r = await runCli(p, 'site.yml', ...mode);
      assert.equal(r.code, 5, r.err);
      assert.match(r.err, /vars: \{ db_password: \*{8}, n: 1 \}/);
      assert.deepEqual(clean(r.out + r.err), [], mode.join(' '));
    }
  });

  it('task and play names holding secrets (play vars, inventory, -e) are masked in --list-tasks and --list-hosts', async () => {
    p.write(
      'site.yml',
      `- name: play for Inv-s3cr3t-value\n  hosts: all\n  vars:\n    db_password: ${NAMED}\n  tasks:\n    - name: rotate ${NAMED} to ${EXTRA}\n      debug: { msg: hi }\n      tags: [t1]\n`,
    );
    const r = await runCli(p, 'site.yml', '--list-tasks', '--list-hosts', '-e', `api_secret=${EXTRA}`);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /rotate \*{8} to \*{8}\tTAGS: \[t1\]/);
    assert.match(r.out, /play #1 \(all\): play for \*{8}/);
    assert.match(r.out, /hosts \(1\):\n\s+h1/);
    assert.deepEqual(clean(r.out + r.err), []);
  });
});
